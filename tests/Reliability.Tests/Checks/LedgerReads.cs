using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Client.Wire;
using Ledger.Reliability.Tests.Feeds;
using Npgsql;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>One row of the event log, as PostgreSQL holds it.</summary>
public sealed record LoggedEvent(long Sequence, string EventId, string Kind, string? Rule, string? Level, string SubjectId, string HouseholdId, string SetlId);

/// <summary>What the ledger holds after a scenario, read the ways its users read it.</summary>
public static class LedgerReads
{
    private const int ReadsInFlightMax = 8;

    /// <summary>Every person's and household's year totals of the feed, through <c>GET /api/persons</c> and <c>/api/households</c>.</summary>
    public static async Task<(Dictionary<string, Totals> Persons, Dictionary<string, Totals> Households)> TotalsAsync(Uri silo, SyntheticFeed feed)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorKey);
        var persons = await ReadAllAsync(http, feed.Persons.Select(person => person.PsnNo), "api/persons");
        var households = await ReadAllAsync(http, feed.Persons.Select(person => person.HouseholdId).Distinct(), "api/households");
        return (persons, households);
    }

    private static async Task<Dictionary<string, Totals>> ReadAllAsync(HttpClient http, IEnumerable<string> ids, string route)
    {
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<string, Totals>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = ReadsInFlightMax }, async (id, cancel) =>
        {
            var body = await http.GetFromJsonAsync<JsonElement>($"{route}/{Uri.EscapeDataString(id)}?year={SyntheticFeed.Year}", cancel);
            totals[id] = body.GetProperty("totals").Deserialize<Totals>(ClientJson.Options)!;
        });
        return new Dictionary<string, Totals>(totals);
    }

    /// <summary>The whole event log, in log order.</summary>
    public static async Task<List<LoggedEvent>> EventLogAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT seq, event_id, kind, payload->>'rule', payload->>'level', payload->>'subject_id', household_id, payload->>'setl_id'
            FROM ledger_events ORDER BY seq
            """, connection);
        var events = new List<LoggedEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add(new LoggedEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? "" : reader.GetString(7)));
        }
        return events;
    }

    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

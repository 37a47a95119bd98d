using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Client.Wire;
using Ledger.Reliability.Tests.Feeds;
using Npgsql;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>One journal entry as the export writes it: what the checks need of it.</summary>
public sealed record JournalLine(
    long Position, string Kind, string? SetlId, string PsnNo, string HouseholdId, IReadOnlyList<LevelChange> Levels, IReadOnlyList<(string Id, string Kind)> Watched)
{
    /// <summary>
    /// What a caseworker's stream carries (API.md): not every settlement, but every threshold, cap and
    /// identity event, and each re-adjudication that changes what assistance, the floor or the warm fund owes.
    /// </summary>
    private static bool IsWatched(JsonElement ledgerEvent) => ledgerEvent.GetProperty("kind").GetString() switch
    {
        "settlement_recorded" or "settlement_reversed" => false,
        "settlement_adjusted" => ledgerEvent.GetProperty("amounts") is var change
            && (change.GetProperty("maf_pay").GetDecimal() != 0m || change.GetProperty("floor_pay").GetDecimal() != 0m
                || change.GetProperty("warm_fund_pay").GetDecimal() != 0m),
        _ => true,
    };

    public static JournalLine Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var levels = root.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString()!.StartsWith("threshold_", StringComparison.Ordinal))
            .Select(e => new LevelChange(e.GetProperty("kind").GetString()!, e.GetProperty("rule").GetString()!, e.GetProperty("level").GetString()!,
                e.GetProperty("subject_id").GetString()!, e.GetProperty("setl_id").GetString(), e.GetProperty("threshold").GetDecimal())).ToList();
        var watched = root.GetProperty("events").EnumerateArray().Where(IsWatched)
            .Select(e => (e.GetProperty("event_id").GetString()!, e.GetProperty("kind").GetString()!)).ToList();
        return new JournalLine(root.GetProperty("position").GetInt64(), root.GetProperty("kind").GetString()!,
            root.GetProperty("setl_id").GetString(), root.GetProperty("psn_no").GetString()!, root.GetProperty("household_id").GetString()!, levels, watched);
    }
}

/// <summary>
/// A threshold level that fired or cleared on a subject (a person, or a household for household rules), at
/// a settlement and against a threshold.
/// </summary>
public sealed record LevelChange(string Kind, string Rule, string Level, string SubjectId, string? SetlId, decimal Threshold)
{
    public OpenLevel Open => new(SubjectId, Rule, Level);

    /// <summary>Where it fired: an open level restated elsewhere moved; restated at the same place it fired twice.</summary>
    public (string? SetlId, decimal Threshold) Place => (SetlId, Threshold);
}

/// <summary>A level open on a subject.</summary>
public sealed record OpenLevel(string SubjectId, string Rule, string Level);

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

    /// <summary>
    /// The whole journal of the feed's region and year, in journal order, through the operators' export
    /// (<c>GET /api/journal</c>), paged by position.
    /// </summary>
    public static async Task<List<JournalLine>> JournalAsync(Uri silo)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorKey);
        var entries = new List<JournalLine>();
        for (long after = 0; ;)
        {
            var body = await http.GetStringAsync($"api/journal?region={SyntheticFeed.Region[..2]}&year={SyntheticFeed.Year}&after={after}&limit=10000");
            var page = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JournalLine.Parse).ToList();
            if (page.Count == 0)
            {
                return entries;
            }
            entries.AddRange(page);
            after = page[^1].Position;
        }
    }

    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the read projections' checkpoint is at the journal's last entry: a silo keeps them and has caught up.</summary>
    public static Task ProjectedToTheEndAsync(string connectionString, string awaited) => Poll.Until(async () => await CountAsync(connectionString,
        "SELECT count(*) FROM ledger_projection_checkpoint WHERE name = 'journal' AND position >= (SELECT max(position) FROM ledger_journal)") == 1,
        awaited, 60_000, 100);
}

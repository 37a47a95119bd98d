using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Client.Cli;
using Npgsql;

namespace Ledger.Client.Tests.EndToEnd;

/// <summary>
/// Nothing acknowledged is lost, nothing is counted twice: a feed through a kill -9 of the silo (PostgreSQL
/// mode) retries until every line is acknowledged, and the totals equal the file's own sums.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RestartTests
{
    private const string Server = "Host=127.0.0.1;Username=ledger;Password=ledger;Database=postgres";

    [Fact]
    public async Task Feed_through_a_silo_kill_and_restart_ends_with_exact_totals()
    {
        var database = $"ledger_restart_{Guid.NewGuid():N}";
        await Execute(Server, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;
        var directory = Directory.CreateTempSubdirectory("ledger-restart-");
        var silo = await SiloProcess.StartAsync(connection);
        try
        {
            var url = silo.Url.ToString();
            Assert.Equal(0, await Ledger(url, "simulate", "--region", "350102", "--households", "40", "--count", "3000", "--year", "2024", "--seed", "77", "--out", directory.FullName));
            Assert.Equal(0, await Ledger(url, "feed", "--persons", Path.Combine(directory.FullName, "persons.ndjson")));

            var feed = Ledger(url, "feed", Path.Combine(directory.FullName, "settlements.ndjson"), "--batch", "25", "--connections", "2");
            await Until(async () => await Scalar(connection, "SELECT count(*) FROM ledger_events WHERE kind = 'settlement_recorded'") > 300, "300 settlements logged before the kill");
            var ports = silo.Ports;
            await silo.DisposeAsync();
            silo = await SiloProcess.StartAsync(connection, ports);
            Assert.Equal(0, await feed);

            var lines = File.ReadAllLines(Path.Combine(directory.FullName, "settlements.ndjson")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            Assert.Equal(lines.Count, await Scalar(connection, "SELECT count(DISTINCT payload->>'setl_id') FROM ledger_events WHERE kind = 'settlement_recorded'"));
            Assert.Equal(lines.Count, await Scalar(connection, "SELECT count(*) FROM ledger_events WHERE kind = 'settlement_recorded'"));
            using var http = new HttpClient { BaseAddress = silo.Url };
            http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorKey);
            foreach (var person in lines.GroupBy(line => line.GetProperty("psn_no").GetString()))
            {
                var totals = (await http.GetFromJsonAsync<JsonElement>($"api/persons/{person.Key}?year=2024")).GetProperty("totals");
                Assert.Equal((person.Count(), person.Sum(line => line.GetProperty("medfee_sumamt").GetDecimal())),
                    (totals.GetProperty("settlement_count").GetInt32(), totals.GetProperty("medfee_sumamt").GetDecimal()));
                Assert.Equal(totals.GetProperty("medfee_sumamt").GetDecimal(), totals.GetProperty("fund_pay_sumamt").GetDecimal() + totals.GetProperty("psn_part_amt").GetDecimal());
            }
        }
        finally
        {
            await silo.DisposeAsync();
            directory.Delete(recursive: true);
            NpgsqlConnection.ClearAllPools();
            await Execute(Server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static Task<int> Ledger(string url, params string[] args) =>
        LedgerCommandLine.RunAsync(CliContext.Plain(new StringWriter(), new StringWriter()), ["--url", url, "--key", SiloProcess.FeedKey, .. args]);

    private static async Task Until(Func<Task<bool>> condition, string awaited)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after 60 s waiting for {awaited}");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<long> Scalar(string connection, string sql)
    {
        await using var open = new NpgsqlConnection(connection);
        await open.OpenAsync();
        await using var command = new NpgsqlCommand(sql, open);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task Execute(string connection, string sql)
    {
        await using var open = new NpgsqlConnection(connection);
        await open.OpenAsync();
        await using var command = new NpgsqlCommand(sql, open);
        await command.ExecuteNonQueryAsync();
    }
}

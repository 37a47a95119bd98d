using System.Net;
using System.Text.Json;
using Ledger.Client.Cli;
using Ledger.Client.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Client.Tests.Commands;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_out_writes_the_same_files_for_the_same_seed()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("--out sends nothing")));
        var first = Path.Combine(cli.Directory, "first");
        var second = Path.Combine(cli.Directory, "second");

        Assert.Equal(0, await cli.RunAsync("simulate", "--households", "50", "--count", "400", "--year", "2023", "--seed", "5", "--out", first));
        Assert.Equal(0, await cli.RunAsync("simulate", "--households", "50", "--count", "400", "--year", "2023", "--seed", "5", "--out", second));

        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "persons.ndjson")), File.ReadAllBytes(Path.Combine(second, "persons.ndjson")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "settlements.ndjson")), File.ReadAllBytes(Path.Combine(second, "settlements.ndjson")));
        Assert.Equal(400, File.ReadAllLines(Path.Combine(first, "settlements.ndjson")).Length);
        Assert.Contains("households=50", cli.Out);
    }

    [Fact]
    public async Task Simulate_without_a_year_dates_the_settlements_by_the_clients_clock_in_China_time()
    {
        // 20:00 UTC on 9 March is already 10 March in China: the last day a settlement may fall on.
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 3, 9, 20, 0, 0, TimeSpan.Zero));
        var (output, error) = (new StringWriter(), new StringWriter());
        var directory = Directory.CreateTempSubdirectory("ledger-simulate-clock-").FullName;
        try
        {
            var exit = await LedgerCommandLine.RunAsync(CliContext.Plain(output, error, time: clock),
                ["simulate", "--households", "10", "--count", "200", "--seed", "3", "--out", directory]);

            Assert.True(exit == 0, error.ToString());
            var days = File.ReadAllLines(Path.Combine(directory, "settlements.ndjson"))
                .Select(line => DateOnly.ParseExact(JsonDocument.Parse(line).RootElement.GetProperty("setl_time").GetString()![..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Equal(200, days.Count);
            Assert.All(days, day => Assert.InRange(day, new DateOnly(2021, 1, 1), new DateOnly(2021, 3, 10)));
            Assert.Contains("settlements count=200 year=2021 ", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Simulate_registers_every_person_before_the_first_settlement()
    {
        var ledger = new FakeLedger();
        var registered = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var settlementBeforePerson = false;
        using var cli = new CommandHarness(new FakeHandler(request =>
        {
            if (request.PathAndQuery == "/api/persons")
            {
                foreach (var line in request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    registered[JsonDocument.Parse(line).RootElement.GetProperty("psn_no").GetString()!] = true;
                }
                return Task.FromResult(ledger.Answer(request.Body));
            }
            foreach (var line in request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                settlementBeforePerson |= !registered.ContainsKey(JsonDocument.Parse(line).RootElement.GetProperty("psn_no").GetString()!);
            }
            return Task.FromResult(ledger.Answer(request.Body));
        }));

        var exit = await cli.RunAsync("simulate", "--households", "20", "--count", "300", "--year", "2023", "--batch", "50");

        Assert.True(exit == 0, cli.Error);
        Assert.False(settlementBeforePerson, "a settlement was sent before its person was registered");
        Assert.Equal(300, ledger.TimesSeen.Count);
        var summary = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"persons sent={registered.Count} recorded={registered.Count} ", summary[0]);
        Assert.StartsWith("settlements sent=300 recorded=300 ", summary[1]);
    }

    /// <summary>A year the region's policy lacks: every settlement refused (422), and simulate says so by its exit code.</summary>
    [Fact]
    public async Task Simulate_whose_every_settlement_is_refused_sends_them_all_and_exits_1()
    {
        var ledger = new FakeLedger();
        using var cli = new CommandHarness(new FakeHandler(request => Task.FromResult(request.PathAndQuery == "/api/persons"
            ? ledger.Answer(request.Body)
            : FakeHandler.Text(HttpStatusCode.OK, string.Concat(request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
                $$$$"""{"setl_id":"{{{{JsonDocument.Parse(line).RootElement.GetProperty("setl_id").GetString()}}}}","status":"rejected","error":{"title":"Unprocessable Entity","status":422}}""" + "\n")),
                "application/x-ndjson"))));

        var exit = await cli.RunAsync("simulate", "--households", "10", "--count", "50", "--year", "2023", "--batch", "50");

        Assert.Equal(1, exit);
        var summary = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(" rejected=0 malformed=0 unacknowledged=0 ", summary[0]);
        Assert.StartsWith("settlements sent=50 recorded=0 duplicate=0 rejected=50 malformed=0 unacknowledged=0 ", summary[1]);
        Assert.Contains("error: settlements: 50 line(s) refused", cli.Error);
    }

    [Fact]
    public async Task Simulate_at_a_rate_sends_small_batches()
    {
        var ledger = new FakeLedger();
        using var cli = new CommandHarness(new FakeHandler(request => Task.FromResult(ledger.Answer(request.Body))));

        var exit = await cli.RunAsync("simulate", "--households", "5", "--count", "40", "--rate", "200", "--year", "2023");

        Assert.True(exit == 0, cli.Error);
        var batches = cli.Handler.Requests.Where(r => r.PathAndQuery == "/api/settlements").Select(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length).ToList();
        Assert.Equal(40, batches.Sum());
        Assert.All(batches, size => Assert.True(size <= 20, $"batch of {size} at 200/s"));
    }
}

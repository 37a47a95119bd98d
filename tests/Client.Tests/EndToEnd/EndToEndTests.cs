using System.Globalization;
using System.Net;
using System.Text.Json;
using Ledger.Client.Cli;
using Ledger.Client.Simulation;
using Ledger.Client.Tests.Fakes;

namespace Ledger.Client.Tests.EndToEnd;

/// <summary>
/// The CLI against a real silo (child process, embedded mode): register, feed, resend (duplicates),
/// read back, watch a threshold fire, download the report. Every wait is a poll with a deadline.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(SiloCollection.Name)]
public sealed class EndToEndTests(SiloFixture fixture)
{
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset ChinaNow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));

    /// <summary>
    /// The latest year whose 上年 figures Fujian's policy file holds: a later year (this one, until its
    /// figures are entered) is refused by design, so the run uses a year the ledger can compute.
    /// </summary>
    private const int Year = 2024;

    private const string BillTime = "2024-06-15T10:00:00";

    private async Task<(int Exit, string Out, string Error)> LedgerAsync(string key, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LedgerCommandLine.RunAsync(CliContext.Plain(output, error), ["--url", fixture.Silo.Url.ToString(), "--key", key, .. args]);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The API is written in parallel with this client: say so plainly while its routes are missing.</summary>
    private async Task RequireApiAsync()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorKey);
        using var response = await http.GetAsync("api/regions/35/kpis");
        Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed),
            $"awaits the HTTP API: GET /api/regions/35/kpis answered {(int)response.StatusCode} {response.StatusCode} (the route is not in silo/Apis yet)");
    }

    [Fact]
    public async Task Simulated_region_is_recorded_once_and_a_resend_answers_duplicate()
    {
        await RequireApiAsync();
        var year = Year.ToString(CultureInfo.InvariantCulture);
        string[] simulate = ["simulate", "--region", "350102", "--households", "15", "--count", "200", "--year", year, "--seed", "4242", "--batch", "40"];

        var first = await LedgerAsync(SiloProcess.FeedKey, simulate);
        Assert.True(first.Exit == 0, $"first simulate: {first.Error}\nsilo log:\n{fixture.Silo.Log}");
        Assert.Contains("settlements sent=200 recorded=200 duplicate=0 rejected=0 malformed=0 unacknowledged=0", first.Out);

        var again = await LedgerAsync(SiloProcess.FeedKey, simulate);
        Assert.True(again.Exit == 0, again.Error);
        Assert.Contains("settlements sent=200 recorded=0 duplicate=200 rejected=0", again.Out);

        var region = new SyntheticRegion(SimulateCommand(year));
        var busiest = region.Settlements().GroupBy(s => s.PsnNo).MaxBy(g => g.Count())!;
        var person = await LedgerAsync(SiloProcess.OperatorKey, "person", busiest.Key, "--year", year, "--json");
        Assert.True(person.Exit == 0, person.Error);
        var totals = JsonDocument.Parse(person.Out).RootElement.GetProperty("totals");
        Assert.Equal(busiest.Count(), totals.GetProperty("settlement_count").GetInt32());
        Assert.Equal(busiest.Sum(s => s.MedfeeSumamt), totals.GetProperty("medfee_sumamt").GetDecimal());

        var household = await LedgerAsync(SiloProcess.OperatorKey, "household", region.Persons.First(p => p.PsnNo == busiest.Key).HouseholdId, "--year", year);
        Assert.True(household.Exit == 0, household.Error);
        Assert.Contains(busiest.Key, household.Out);
    }

    [Fact]
    public async Task Watch_prints_the_threshold_a_large_bill_crosses()
    {
        await RequireApiAsync();
        using var stop = new CancellationTokenSource();
        var watched = new LockedStringWriter();
        var watchErrors = new LockedStringWriter();
        var watch = LedgerCommandLine.RunAsync(CliContext.Plain(watched, watchErrors),
            ["--url", fixture.Silo.Url.ToString(), "--key", SiloProcess.OperatorKey, "watch", "--region", "35", "--json"], stop.Token);
        var deadline = DateTime.UtcNow + EventDeadline;
        var attempt = 0;
        // The stream has no history before the first connection, so keep crossing thresholds with new
        // people until the watcher (subscribed by then) prints one.
        while (!watched.ToString().Contains("threshold_crossed") && DateTime.UtcNow < deadline && !watch.IsCompleted)
        {
            attempt++;
            await FeedLargeBillAsync($"P-E2E-WATCH-{attempt}");
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
        await stop.CancelAsync();
        var exit = await watch;

        Assert.True(exit == 0, $"watch exited {exit}: {watchErrors}");
        var crossed = watched.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("kind").GetString() == "threshold_crossed")
            .ToList();
        Assert.True(crossed.Count > 0, $"no threshold_crossed event within {EventDeadline.TotalSeconds} s after {attempt} large bills; watch stderr: {watchErrors}");
        Assert.All(crossed, e => Assert.StartsWith("35", e.GetProperty("region_code").GetString()));
    }

    [Fact]
    public async Task Watch_prints_each_line_at_the_time_the_money_moved_as_the_silo_sends_it()
    {
        await RequireApiAsync();
        using var stop = new CancellationTokenSource();
        var watched = new LockedStringWriter();
        var watchErrors = new LockedStringWriter();
        var watch = LedgerCommandLine.RunAsync(CliContext.Plain(watched, watchErrors),
            ["--url", fixture.Silo.Url.ToString(), "--key", SiloProcess.OperatorKey, "watch", "--region", "35"], stop.Token);
        var deadline = DateTime.UtcNow + EventDeadline;
        var attempt = 0;
        // As above: the stream has no history before the first connection, so cross with new people until one is printed.
        List<string> Crossed() => [.. watched.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains("threshold_crossed") && line.Contains("P-E2E-WATCH-LINE-"))];
        while (Crossed().Count == 0 && DateTime.UtcNow < deadline && !watch.IsCompleted)
        {
            attempt++;
            await FeedLargeBillAsync($"P-E2E-WATCH-LINE-{attempt}");
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
        await stop.CancelAsync();
        var exit = await watch;

        Assert.True(exit == 0, $"watch exited {exit}: {watchErrors}");
        var crossed = Crossed();
        Assert.True(crossed.Count > 0, $"no threshold_crossed line within {EventDeadline.TotalSeconds} s after {attempt} large bills; watch stderr: {watchErrors}");
        // The bill's setl_time (China time), which the silo sends as setl_time: not "-".
        Assert.All(crossed, line => Assert.StartsWith("2024-06-15T10:00:00+08:00  threshold_crossed", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_downloads_the_monthly_csv()
    {
        await RequireApiAsync();
        await FeedLargeBillAsync("P-E2E-REPORT");
        var file = Path.Combine(Path.GetTempPath(), $"ledger-e2e-{Guid.NewGuid():N}.csv");
        try
        {
            var report = await LedgerAsync(SiloProcess.OperatorKey, "report", "--region", "3501", "--month", BillTime[..7], "--out", file);

            Assert.True(report.Exit == 0, report.Error);
            Assert.True(File.ReadAllLines(file).Length >= 1, "the report has at least its header row");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A rural poverty-alleviated person with a 200 000 yuan inpatient bill, 60 000 of it outside the catalogue.</summary>
    private async Task FeedLargeBillAsync(string psnNo)
    {
        var directory = Directory.CreateTempSubdirectory("ledger-e2e-").FullName;
        try
        {
            var persons = Path.Combine(directory, "persons.ndjson");
            var settlements = Path.Combine(directory, "settlements.ndjson");
            File.WriteAllText(persons, $$"""{"psn_no":"{{psnNo}}","region_code":"350102","household_id":"H-{{psnNo}}","residence":"rural","insutype":"resident","identities":[{"type":"poverty_alleviated","begin":"2021-01-01","end":null}]}""" + "\n");
            File.WriteAllText(settlements, $$"""{"setl_id":"S-{{psnNo}}","psn_no":"{{psnNo}}","setl_time":"{{BillTime}}","med_type":"21","hosp_lv":3,"medfee_sumamt":200000.00,"inscp_scp_amt":140000.00,"fulamt_ownpay_amt":60000.00,"overlmt_selfpay":0,"preselfpay_amt":0}""" + "\n");

            var feed = await LedgerAsync(SiloProcess.FeedKey, "feed", settlements, "--persons", persons);

            Assert.True(feed.Exit == 0, $"feed of {psnNo}: {feed.Error}");
            Assert.Contains("rejected=0", feed.Out);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static SimulationSettings SimulateCommand(string year) => new()
    {
        RegionCode = "350102",
        Households = 15,
        Settlements = 200,
        Year = int.Parse(year, CultureInfo.InvariantCulture),
        Seed = 4242,
        LastDay = Year >= ChinaNow.Year ? DateOnly.FromDateTime(ChinaNow.DateTime) : null,
    };
}

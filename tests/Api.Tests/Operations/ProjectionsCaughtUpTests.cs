using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Ledger.Silo.Health;
using Ledger.Silo.Projections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The readiness check "projections caught up within a bound", on the embedded journal and store; and,
/// over HTTP with the projector held back, that projections beyond the bound degrade readiness without
/// failing it (settlements go on) while the reads of the projections say how far behind they are, and
/// the month-end reports are refused (503) until the projections are within the bound.
/// </summary>
public sealed partial class ProjectionsCaughtUpTests(ProjectionsCaughtUpTests.HeldBackProjectionsFactory factory)
    : IClassFixture<ProjectionsCaughtUpTests.HeldBackProjectionsFactory>
{
    private static readonly DateTimeOffset Logged = new(2022, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(0, 0, HealthStatus.Healthy, "caught up at position 0")]
    [InlineData(1, 59, HealthStatus.Healthy, "at position 0, 59.0 s behind")]
    [InlineData(1, 61, HealthStatus.Degraded, "at position 0, 61 s behind the journal (bound 60 s); settlements are taken, reports and KPIs trail")]
    public async Task Ready_while_the_oldest_entry_not_projected_was_logged_within_the_bound(
        int entries, int secondsLater, HealthStatus status, string description)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var journal = new InMemoryJournal(new JournalFanOut(null!, metrics, NullLogger<JournalFanOut>.Instance));
        for (var index = 0; index < entries; index++)
        {
            await journal.Append(JournalAppend.Of([new JournalEntry { Kind = EntryKind.Recorded, SetlId = $"S-{index}", PsnNo = "P-1", LoggedAt = Logged }]));
        }
        var clock = new FakeTimeProvider(Logged.AddSeconds(secondsLater));
        var check = new ProjectionsCaughtUpCheck(journal, new InMemoryProjectionStore(), clock, Options.Create(new ProjectionOptions()));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((status, description), (result.Status, result.Description));
    }

    [Fact]
    public async Task Projections_beyond_the_bound_degrade_readiness_to_200_while_settlements_go_on_and_reads_say_how_far_behind()
    {
        var region = Wire.Region("35");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var reader = factory.Client(LedgerApiFactory.OperatorKey);
        var psnNo = Wire.Id("P");
        Assert.Equal(HttpStatusCode.OK, (await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), Wire.PovertyAlleviated, region)))).StatusCode);

        // Degraded, not Unhealthy: 200, and the JSON names the check that lags.
        var (status, ready) = await Ready();
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (status, ready.GetProperty("status").GetString()));
        Assert.Equal(new Dictionary<string, string?>
        {
            ["api-keys"] = "Healthy", ["cluster"] = "Healthy", ["storage"] = "Healthy", ["policies"] = "Healthy", ["policy-year"] = "Healthy",
            ["accepting"] = "Healthy", ["projections"] = "Degraded",
        }, Statuses(ready));
        Assert.Matches(@"^at position 0, [0-9]+ s behind the journal \(bound 0 s\); settlements are taken, reports and KPIs trail$",
            ready.GetProperty("checks").GetProperty("projections").GetProperty("description").GetString());

        // Settlements are taken meanwhile; the KPIs answer, without them yet, and say they trail.
        foreach (var setlId in new[] { Wire.Id("S"), Wire.Id("S") })
        {
            var settled = await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId, psnNo, 82_000m, 80_000m)));
            Assert.True(settled.StatusCode == HttpStatusCode.OK, await settled.Content.ReadAsStringAsync());
        }
        using var behind = await reader.GetAsync($"/api/regions/{region}/kpis?year=2022");
        Assert.Equal(HttpStatusCode.OK, behind.StatusCode);
        Assert.True(int.Parse(Assert.Single(behind.Headers.GetValues(ProjectionLag.Header)), CultureInfo.InvariantCulture) >= 1,
            $"{ProjectionLag.Header}: {string.Join(",", behind.Headers.GetValues(ProjectionLag.Header))}");
        Assert.Equal(0, (await Wire.Body(behind)).GetProperty("settlement_count").GetInt32());

        // The readiness gauge says so (the alert LedgerProjectionsBehind reads it), while the others read 1.
        var metrics = "";
        await Poll.Until(async () => ReadyGauge(metrics = await reader.GetStringAsync("/metrics"), "projections") == "0",
            "ledger_health_ready{check=\"projections\"} to read 0 (published every 10 s)", 30_000, 200);
        Assert.Equal("1", ReadyGauge(metrics, "storage"));

        // Once the projector has run: healthy, and the KPIs include both settlements and say they do.
        await factory.Services.GetRequiredService<Projector>().CatchUp();
        (status, ready) = await Ready();
        Assert.Equal((HttpStatusCode.OK, "Healthy", "Healthy"), (status, ready.GetProperty("status").GetString(), Statuses(ready)["projections"]));
        using var caughtUp = await reader.GetAsync($"/api/regions/{region}/kpis?year=2022");
        Assert.Equal(("0", 2), (Assert.Single(caughtUp.Headers.GetValues(ProjectionLag.Header)), (await Wire.Body(caughtUp)).GetProperty("settlement_count").GetInt32()));
    }

    [Theory]
    [InlineData("monthly?month=2022-03")]
    [InlineData("monthly?month=2022-03&format=summary")]
    [InlineData("adjustments?month=2022-03")]
    public async Task Month_end_reports_answer_503_with_how_far_behind_while_the_projections_are_beyond_the_bound_and_200_once_caught_up(string report)
    {
        var region = Wire.Region("35");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var reader = factory.Client(LedgerApiFactory.OperatorKey);
        var psnNo = Wire.Id("P");
        Assert.Equal(HttpStatusCode.OK, (await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), Wire.PovertyAlleviated, region)))).StatusCode);
        var settled = await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 82_000m, 80_000m)));
        Assert.True(settled.StatusCode == HttpStatusCode.OK, await settled.Content.ReadAsStringAsync());

        // Beyond the bound (0 s here): refused for now, saying how far behind, rather than a report missing rows.
        using (var refused = await reader.GetAsync($"/api/regions/{region}/reports/{report}"))
        {
            var problem = await Wire.Body(refused);
            var behind = Assert.Single(refused.Headers.GetValues(ProjectionLag.Header));
            Assert.True(int.Parse(behind, CultureInfo.InvariantCulture) >= 1, $"{ProjectionLag.Header}: {behind}");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "application/problem+json", TimeSpan.FromSeconds(60), 503, "Projections behind the journal"),
                (refused.StatusCode, refused.Content.Headers.ContentType?.MediaType, refused.Headers.RetryAfter?.Delta,
                    problem.GetProperty("status").GetInt32(), problem.GetProperty("title").GetString()));
            Assert.Equal($"The read projections are {behind} s behind the journal (bound 0 s), as while they are rebuilt: this report would miss entries and differ when asked again. Ask again once they have caught up.",
                problem.GetProperty("detail").GetString());
        }

        // Once the projector has run: the report, complete.
        await factory.Services.GetRequiredService<Projector>().CatchUp();
        using var answered = await reader.GetAsync($"/api/regions/{region}/reports/{report}");
        Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        Assert.Equal("0", Assert.Single(answered.Headers.GetValues(ProjectionLag.Header)));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Ready()
    {
        using var response = await factory.Client(null).GetAsync("/health/ready");
        return (response.StatusCode, await Wire.Body(response));
    }

    private static Dictionary<string, string?> Statuses(JsonElement ready) =>
        ready.GetProperty("checks").EnumerateObject().ToDictionary(check => check.Name, check => check.Value.GetProperty("status").GetString());

    private static string? ReadyGauge(string metrics, string check) =>
        ReadyGaugeLine().Matches(metrics).FirstOrDefault(line => line.Groups["labels"].Value.Contains($"check=\"{check}\"", StringComparison.Ordinal))?.Groups["value"].Value;

    [GeneratedRegex(@"^ledger_health_ready\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReadyGaugeLine();

    /// <summary>
    /// The silo app whose projector never leads (as while another silo's replays the journal) and whose bound is 0 s.
    /// Its clock runs (the lag is measured on it) from a day of a year every shipped policy in force has its
    /// figures for, so that only the projections degrade readiness here.
    /// </summary>
    public sealed class HeldBackProjectionsFactory : LedgerApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Ledger:Projections:CaughtUpWithinSeconds", "0");
            builder.ConfigureTestServices(services => services
                .AddSingleton<IProjectorLeadership, NeverLeads>()
                .AddSingleton<TimeProvider>(new ShiftedClock(new DateTimeOffset(2023, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)))));
        }
    }

    private sealed class NeverLeads : IProjectorLeadership
    {
        public async Task<IProjectorLease> Acquire(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        }
    }
}

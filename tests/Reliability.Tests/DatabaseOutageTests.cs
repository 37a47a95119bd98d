using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Client.Wire;
using Ledger.Reliability.Tests.Checks;
using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ten_seconds_without_PostgreSQL_answer_503_then_the_feed_resumes_with_exact_totals()
    {
        using var feed = await SyntheticFeed.WriteAsync(households: 1_000, settlements: 10_000, seed: 502);
        await using var cluster = await PostgresCluster.StartAsync(throughLink: true);
        await LedgerCli.RegisterAsync(cluster.Urls, feed);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.FeedKey);

        var feeding = LedgerCli.RunAsync(cluster.Urls, "feed", feed.SettlementsPath, "--batch", "200", "--connections", "4", "--timeout", "20s");
        await Poll.Until(async () => await Logged(cluster) >= 2_000, "2 000 settlements logged before the outage", 120_000, 50);
        var down = Stopwatch.StartNew();
        cluster.Link!.Cut();
        // The last line of the file cannot have been sent yet: while the database is down, it is refused for now.
        var probe = JsonSerializer.Serialize(feed.Settlements[^1], ClientJson.Options);
        var refusals = new List<HttpResponseMessage>();
        foreach (var silo in cluster.Silos)
        {
            refusals.Add(await http.PostAsync(new Uri(silo.Url, "api/settlements"), new StringContent(probe, Encoding.UTF8, "application/json")));
            // Alive (do not restart it), not ready (send its traffic elsewhere): storage is what it waits for.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(silo.Url, "health/live"))).StatusCode);
            var ready = await http.GetAsync(new Uri(silo.Url, "health/ready"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        }
        await Task.Delay(Outage - down.Elapsed);
        cluster.Link.Restore();
        foreach (var silo in cluster.Silos)
        {
            await Poll.Until(async () => (await http.GetAsync(new Uri(silo.Url, "health/ready"))).StatusCode == HttpStatusCode.OK,
                $"{silo.Url}health/ready to answer 200 once PostgreSQL is back", 30_000, 100);
        }
        var (exit, text, error) = await feeding;

        foreach (var refusal in refusals)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusal.StatusCode);
            Assert.Equal("application/problem+json", refusal.Content.Headers.ContentType?.MediaType);
            Assert.Equal("1", refusal.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(503, (await refusal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        }
        Assert.All(cluster.Silos, silo => Assert.False(silo.HasExited, $"silo at {silo.Url} exited during the outage"));
        Assert.True(exit == 0, $"ledger feed: exit {exit}\n{text}\n{error}");
        var summary = LedgerCli.Summary(text, "settlements");
        Assert.Equal(("10000", "0", "0"), (summary["sent"], summary["rejected"], summary["unacknowledged"]));
        var verdict = await ExactLedger.AssertAsync(cluster, feed);
        // The outage cut the projector's lock session too: a silo must have taken the lock again and caught up.
        await LedgerReads.ProjectedToTheEndAsync(cluster.ConnectionString, "the projections to reach the journal's last entry after the outage");
        var personal = PersonalData.AssertNotLogged(cluster.Logs, PersonalData.Of(feed));
        Figures.Report(output, "database_outage", [.. Figures.Of(verdict), ("faults_injected", cluster.Link.Cuts), ("outage_seconds", Outage.TotalSeconds),
            ("probes_answered_503", refusals.Count), ("resent", summary["resent"]), ("personal_values_checked", personal)]);
    }

    private static Task<long> Logged(PostgresCluster cluster) =>
        LedgerReads.CountAsync(cluster.ConnectionString, "SELECT count(*) FROM ledger_journal WHERE kind = 0");
}

using Ledger.Reliability.Tests.Checks;
using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class SiloCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_9_of_one_of_two_silos_mid_feed_loses_nothing_and_counts_nothing_twice()
    {
        using var feed = await SyntheticFeed.WriteAsync(households: 1_000, settlements: 20_000, seed: 501);
        await using var cluster = await PostgresCluster.StartAsync();
        await LedgerCli.RegisterAsync(cluster.Urls, feed);

        var feeding = LedgerCli.RunAsync(cluster.Urls, "feed", feed.SettlementsPath, "--batch", "200", "--connections", "4", "--timeout", "20s");
        await Poll.Until(async () => await Logged(cluster) >= 5_000, "5 000 settlements logged before the kill", 120_000, 50);
        await cluster.Kill(1);
        var (exit, text, error) = await feeding;

        Assert.True(exit == 0, $"ledger feed: exit {exit}\n{text}\n{error}");
        var summary = LedgerCli.Summary(text, "settlements");
        Assert.Equal(("20000", "0", "0"), (summary["sent"], summary["rejected"], summary["unacknowledged"]));
        Assert.Equal(20_000, int.Parse(summary["recorded"]) + int.Parse(summary["duplicate"]));
        var verdict = await ExactLedger.AssertAsync(cluster, feed);
        var personal = PersonalData.AssertNotLogged(cluster.Logs, PersonalData.Of(feed));
        Figures.Report(output, "silo_crash", [.. Figures.Of(verdict), ("faults_injected", 1), ("resent", summary["resent"]), ("personal_values_checked", personal)]);
    }

    private static Task<long> Logged(PostgresCluster cluster) =>
        LedgerReads.CountAsync(cluster.ConnectionString, "SELECT count(*) FROM ledger_journal WHERE kind = 0");
}

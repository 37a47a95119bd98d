using Ledger.Reliability.Tests.Checks;
using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

/// <summary>
/// A feed out of settlement-time order makes most settlements late, so households re-adjudicate as
/// they go; a silo killed in the middle of that must lose nothing and count nothing twice, and the
/// ledger must end as the settlements replayed in settlement-time order.
/// </summary>
[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class ReadjudicationCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_9_while_households_re_adjudicate_a_shuffled_feed_loses_nothing_and_ends_as_a_replay_in_settlement_time_order()
    {
        using var feed = await SyntheticFeed.WriteAsync(households: 300, settlements: 4_000, seed: 505);
        await using var cluster = await PostgresCluster.StartAsync();
        await LedgerCli.RegisterAsync(cluster.Urls, feed);

        var feeding = LedgerCli.RunAsync(cluster.Urls, "feed", feed.Shuffled(seed: 505), "--batch", "100", "--connections", "4", "--timeout", "20s");
        // Most of a shuffled feed arrives late: from here on, nearly every settlement re-adjudicates its year.
        await Poll.Until(async () => await Recorded(cluster) >= 1_500, "1 500 settlements recorded before the kill", 120_000, 50);
        await cluster.Kill(1);
        var adjustedBeforeKill = await Adjusted(cluster);
        var (exit, text, error) = await feeding;

        Assert.True(exit == 0, $"ledger feed: exit {exit}\n{text}\n{error}");
        var summary = LedgerCli.Summary(text, "settlements");
        Assert.Equal(("4000", "0", "0"), (summary["sent"], summary["rejected"], summary["unacknowledged"]));
        var verdict = await ExactLedger.AssertAsync(cluster, feed);
        var adjusted = await Adjusted(cluster);
        // The kill fell while households re-adjudicated: adjustments were journaled before it and after it.
        Assert.True(adjustedBeforeKill > 0, "no adjustment was journaled before the kill: nothing was re-adjudicating");
        Assert.True(adjusted > adjustedBeforeKill, $"no adjustment was journaled after the kill ({adjusted} in all)");
        Figures.Report(output, "readjudication_crash", [.. Figures.Of(verdict), ("faults_injected", 1), ("resent", summary["resent"]),
            ("adjustments_before_kill", adjustedBeforeKill), ("adjustments_journaled", adjusted)]);
    }

    private static Task<long> Recorded(PostgresCluster cluster) =>
        LedgerReads.CountAsync(cluster.ConnectionString, "SELECT count(*) FROM ledger_journal WHERE kind = 0");

    private static Task<long> Adjusted(PostgresCluster cluster) =>
        LedgerReads.CountAsync(cluster.ConnectionString, "SELECT count(*) FROM ledger_journal WHERE kind = 2");
}

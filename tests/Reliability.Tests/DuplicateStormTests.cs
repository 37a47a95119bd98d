using Ledger.Reliability.Tests.Checks;
using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class DuplicateStormTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_whole_feed_sent_twice_at_once_through_both_silos_counts_once()
    {
        using var feed = await SyntheticFeed.WriteAsync(households: 800, settlements: 10_000, seed: 504);
        await using var cluster = await PostgresCluster.StartAsync();
        await LedgerCli.RegisterAsync(cluster.Urls, feed);

        var passes = await Task.WhenAll(cluster.Silos.Select(silo =>
            LedgerCli.RunAsync(silo.Url.ToString(), "feed", feed.SettlementsPath, "--batch", "200", "--connections", "4")));

        Assert.All(passes, pass => Assert.True(pass.Exit == 0, $"ledger feed: exit {pass.Exit}\n{pass.Out}\n{pass.Error}"));
        var summaries = passes.Select(pass => LedgerCli.Summary(pass.Out, "settlements")).ToList();
        Assert.Equal((10_000, 10_000), (summaries.Sum(s => int.Parse(s["recorded"])), summaries.Sum(s => int.Parse(s["duplicate"]))));
        var verdict = await ExactLedger.AssertAsync(cluster, feed);
        var personal = PersonalData.AssertNotLogged(cluster.Logs, PersonalData.Of(feed));
        Figures.Report(output, "duplicate_storm", [.. Figures.Of(verdict), ("faults_injected", 0), ("settlements_sent", summaries.Sum(s => int.Parse(s["sent"]))),
            ("answered_duplicate", summaries.Sum(s => int.Parse(s["duplicate"]))), ("personal_values_checked", personal)]);
    }
}

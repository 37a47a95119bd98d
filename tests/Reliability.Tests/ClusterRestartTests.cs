using System.Collections.Concurrent;
using Ledger.Client.Feeding;
using Ledger.Client.Http;
using Ledger.Client.Watching;
using Ledger.Reliability.Tests.Checks;
using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class ClusterRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Both_silos_restarted_mid_feed_keep_every_total_and_event_and_a_caseworker_stream_misses_nothing()
    {
        using var feed = await SyntheticFeed.WriteAsync(households: 600, settlements: 8_000, seed: 503);
        await using var cluster = await PostgresCluster.StartAsync();
        await LedgerCli.RegisterAsync(cluster.Urls, feed);
        // A caseworker's live view through the CLI's watcher, which resumes with Last-Event-ID.
        var received = new ConcurrentDictionary<string, string>();
        var arrivals = new ConcurrentQueue<string>();
        var reconnects = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        using var http = LedgerHttp.Create(new ServerOptions(cluster.Silos.Select(silo => silo.Url).ToList(), SiloProcess.OperatorKey), connectionsMax: 1);
        var watcher = new EventWatcher(http, "35", new RetryPolicy { DelayMax = TimeSpan.FromSeconds(1) }, keyGiven: true);
        var watching = watcher.RunAsync(sse =>
        {
            arrivals.Enqueue(sse.Id!);
            received[sse.Id!] = sse.Event;
            return Task.CompletedTask;
        }, reconnects.Enqueue, stop.Token);

        var feeding = LedgerCli.RunAsync(cluster.Urls, "feed", feed.SettlementsPath, "--batch", "100", "--connections", "2", "--timeout", "20s");
        await Poll.Until(async () => received.Count >= 20 && await Logged(cluster) >= 3_000, "20 events watched and 3 000 settlements logged before the restart", 120_000, 50);
        await cluster.RestartAll();
        var (exit, text, error) = await feeding;

        Assert.True(exit == 0, $"ledger feed: exit {exit}\n{text}\n{error}");
        var verdict = await ExactLedger.AssertAsync(cluster, feed);
        // Connected without a Last-Event-ID, the watcher owes every watched event from its first on, in journal order.
        // The export is the feed's year; a silo whose tail was still reading the registrations when the watcher
        // connected also streams their identity events, which come before that and are not settlements' events.
        var exported = (await LedgerReads.JournalAsync(cluster.Silos[0].Url)).SelectMany(entry => entry.Watched).ToList();
        var exportedIds = exported.Select(watched => watched.Id).ToHashSet();
        var first = arrivals.First(exportedIds.Contains);
        var watched = exported.SkipWhile(watched => watched.Id != first).ToDictionary(watched => watched.Id, watched => watched.Kind);
        Assert.All(received.Where(pair => !exportedIds.Contains(pair.Key)), pair => Assert.Equal("identity_changed", pair.Value));
        foreach (var registration in received.Keys.Where(id => !exportedIds.Contains(id)).ToList())
        {
            received.TryRemove(registration, out _);
        }
        await Poll.Until(() => Task.FromResult(watched.Keys.All(received.ContainsKey)),
            $"the watcher to receive all {watched.Count} watched events of the log (has {received.Count}; reconnected: {string.Join(" | ", reconnects)})", 60_000, 50);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);

        Assert.Equal(watched.OrderBy(pair => pair.Key), received.OrderBy(pair => pair.Key));
        Assert.Contains(reconnects, reason => reason.Contains("after event", StringComparison.Ordinal));
        var personal = PersonalData.AssertNotLogged(cluster.Logs, PersonalData.Of(feed));
        Figures.Report(output, "cluster_restart", [.. Figures.Of(verdict), ("faults_injected", PostgresCluster.SiloCount), ("resent", LedgerCli.Summary(text, "settlements")["resent"]),
            ("sse_events_expected", watched.Count), ("sse_events_missed", watched.Keys.Count(id => !received.ContainsKey(id))), ("sse_reconnects", reconnects.Count),
            ("personal_values_checked", personal)]);
    }

    private static Task<long> Logged(PostgresCluster cluster) =>
        LedgerReads.CountAsync(cluster.ConnectionString, "SELECT count(*) FROM ledger_journal WHERE kind = 0");
}

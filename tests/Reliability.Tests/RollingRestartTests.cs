using System.Diagnostics;
using System.Text.RegularExpressions;
using Ledger.Policy.Loading;
using Ledger.Reliability.Tests.Checks;
using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class RollingRestartTests(ITestOutputHelper output) : IDisposable
{
    private const string PolicyFolder = "Ledger:PolicyFolder";
    private static readonly DateOnly LastYearsDay = new(SyntheticFeed.Year, 6, 1);

    private readonly DirectoryInfo _running = PolicyFolders.CopyShipped();
    private readonly DirectoryInfo _rolledOut = PolicyFolders.CopyShipped();

    /// <summary>
    /// An upgrade and a policy roll-out are one operation: each silo in turn gets SIGTERM, drains, and
    /// starts again, here with next year's policy values. The feed goes through the silo that is not
    /// restarting, as a load balancer sends it, and must never see a 503.
    /// </summary>
    [Fact]
    public async Task Rolling_restart_onto_next_years_policies_under_a_steady_feed_loses_nothing_counts_nothing_twice_and_answers_no_503()
    {
        using var feed = await SyntheticFeed.WriteAsync(households: 200, settlements: 3_000, seed: 505);
        // After the feed's year: the feed's settlements keep their values, and the replay its catalogue.
        var newYear = PolicyFolders.AddNewYear(_rolledOut, "35", yearMin: SyntheticFeed.Year + 1);
        var newYearsDay = new DateOnly(newYear.Year, 1, 2);
        Assert.True(newYearsDay < DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)),
            $"the shipped policies already hold values up to {newYear.Year - 1}: the roll-out needs a year that has begun and has no values yet");
        await using var cluster = await PostgresCluster.StartAsync(settings: new Dictionary<string, string> { [PolicyFolder] = _running.FullName });
        Assert.All(cluster.Silos, silo => QuietLog.AssertNone(QuietLog.ExceptProbeTimeouts(QuietLog.AlarmingWhileStarting(silo.Log)), $"while {silo.Url} started"));
        await LedgerCli.RegisterAsync(cluster.Urls, feed);
        var beforeSplit = await RollOutProbe.SettleAsync(cluster.Silos[0].Url, "before", LastYearsDay);
        var checkBefore = await LedgerCli.RunWithKeyAsync(cluster.Urls, SiloProcess.OperatorKey, "policy", "check", _rolledOut.FullName);
        Assert.True(checkBefore.Exit == 0, checkBefore.Error);
        Assert.Contains($"  parameters.rural_income  {newYear.Year}-01-01..{newYear.Year}-12-31  (absent) -> ", checkBefore.Out, StringComparison.Ordinal);

        var feeder = new SteadyFeeder(feed.Settlements, cluster.Silos[1].Url, batchLines: 20, period: TimeSpan.FromMilliseconds(100));
        using var stop = new CancellationTokenSource();
        var feeding = feeder.RunAsync(stop.Token);
        var restartSeconds = new List<double>();
        var drainMilliseconds = new List<string>();
        for (var index = 0; index < PostgresCluster.SiloCount; index++)
        {
            var stopping = cluster.Silos[index];
            feeder.Target = cluster.Silos[1 - index].Url;
            var acknowledged = feeder.Acknowledged;
            await UntilFed(feeder, feeding, acknowledged + 300, $"300 settlements through {feeder.Target} before silo {index} is restarted", cluster);
            var clock = Stopwatch.StartNew();
            await cluster.RestartOne(index, new Dictionary<string, string> { [PolicyFolder] = _rolledOut.FullName });
            restartSeconds.Add(clock.Elapsed.TotalSeconds);
            Assert.Equal(0, stopping.ExitCode);
            drainMilliseconds.Add(Regex.Match(stopping.Log, "Drained in ([0-9]+) ms").Groups[1].Value);
            Assert.NotEqual("", drainMilliseconds[^1]);
            // A planned stop with grains in use and the other silo's feed in flight, and a normal start
            // into a running cluster: neither writes a warning or an error.
            QuietLog.AssertNone(QuietLog.ExceptProbeTimeouts(QuietLog.AlarmingWhileStopping(stopping.Log)), $"while silo {index} drained");
            QuietLog.AssertNone(QuietLog.ExceptProbeTimeouts(QuietLog.AlarmingWhileStarting(cluster.Silos[index].Log)), $"while silo {index} started again");
        }
        feeder.Finish();
        await feeding;

        var counts = feeder.Counts;
        Assert.True(counts.Answered503 == 0 && counts.RequestsFailed == 0,
            $"through the silo not restarting: {counts.Answered503} lines answered 503, {counts.RequestsFailed} requests unanswered; the silos' last warnings:\n{LogVolume.LastWarnings(cluster.Logs)}");
        // Each line of the file recorded once; each line sent again after the file ran out answered duplicate.
        Assert.Equal((feed.Settlements.Count, counts.Repeated), (counts.Recorded, counts.Duplicate));
        // Both silos now run next year's values; this year's (the feed's) are unchanged, so the replay holds.
        var verdict = await ExactLedger.AssertAsync(cluster, feed, otherHouseholds: new HashSet<string> { RollOutProbe.HouseholdOf("before") });

        var sameDaySplit = await RollOutProbe.SettleAsync(cluster.Silos[1].Url, "after", LastYearsDay);
        var newYearSplit = await RollOutProbe.SettleAsync(cluster.Silos[0].Url, "new-year", newYearsDay);
        Assert.Equal(beforeSplit, sameDaySplit);
        var rolledOut = RollOutProbe.Expected(PolicyLoader.LoadDirectory(_rolledOut.FullName), newYearsDay);
        var previous = RollOutProbe.Expected(PolicyLoader.LoadDirectory(_running.FullName), newYearsDay);
        Assert.Equal(rolledOut, newYearSplit);
        Assert.NotEqual(previous, newYearSplit);
        var checkAfter = await LedgerCli.RunWithKeyAsync(cluster.Urls, SiloProcess.OperatorKey, "policy", "check", _rolledOut.FullName);
        var bothSilos = string.Join(", ", cluster.Silos.Select(silo => silo.Url.ToString().TrimEnd('/')));
        Assert.Contains(checkAfter.Out.Split('\n'), line => line.StartsWith(bothSilos + ": ", StringComparison.Ordinal)
            && line.EndsWith(" policies running; no differences: the folder holds exactly the values running", StringComparison.Ordinal));
        var personal = PersonalData.AssertNotLogged(cluster.Logs, PersonalData.Of(feed));
        Figures.Report(output, "rolling_restart", [.. Figures.Of(verdict), ("silos_restarted", PostgresCluster.SiloCount),
            ("restart_seconds", string.Join('/', restartSeconds.Select(seconds => seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))),
            ("drain_ms", string.Join('/', drainMilliseconds)),
            ("recorded", counts.Recorded), ("sent_again_answered_duplicate", counts.Duplicate), ("answered_503", counts.Answered503), ("requests_unanswered", counts.RequestsFailed),
            ("requests", counts.Requests), ("policy_values_changed", checkBefore.Out.Split('\n').Count(line => line.StartsWith("  ", StringComparison.Ordinal))),
            ("personal_values_checked", personal),
            ("fence_reloads", Regex.Count(cluster.Logs, "another activation wrote to its journal"))]);
    }

    /// <summary>
    /// Waits for the feed to reach <paramref name="acknowledged"/>; a feeder that stopped on a wrong
    /// answer fails with that answer, and a feed that stalls fails with its counts and the silos' warnings.
    /// </summary>
    private static async Task UntilFed(SteadyFeeder feeder, Task feeding, int acknowledged, string awaited, PostgresCluster cluster)
    {
        try
        {
            await Poll.Until(async () =>
            {
                if (feeding.IsCompleted)
                {
                    await feeding;
                }
                return feeder.Acknowledged >= acknowledged;
            }, awaited, 60_000, 20);
        }
        catch (TimeoutException stalled)
        {
            throw new TimeoutException($"{stalled.Message}; the feed so far: {feeder.Counts}; the silos' last warnings:\n{LogVolume.LastWarnings(cluster.Logs)}", stalled);
        }
        catch (Exception failed) when (failed is not TimeoutException)
        {
            throw new InvalidOperationException($"the feeder stopped: {failed.Message}\nthe silos' errors:\n{LogVolume.LastErrors(cluster.Logs)}", failed);
        }
    }

    public void Dispose()
    {
        _running.Delete(recursive: true);
        _rolledOut.Delete(recursive: true);
    }
}

using System.Collections.Concurrent;
using Ledger.Bench.Load.Measuring;
using Ledger.Bench.Load.Phases;
using Ledger.Client.Simulation;
using Ledger.Client.Wire;
using Npgsql;

namespace Ledger.Bench.Load;

/// <summary>Everything measured in one runtime mode.</summary>
public sealed record ModeFigures(
    string Mode, int Households, int Persons, double RegistrationPerSecond, FeedResult Peak, FeedResult HalfPeak, Latencies EventAfterAck,
    double SiloCores, double PostgresCores, double? JournalBytesPerEntry, double LiveHeapPerHousehold, double? ProjectorLagP99);

/// <summary>
/// One mode end to end: start the silo and warm it up until its JIT is quiet (<see cref="JitWarmUp"/>),
/// register the region, warm up its households, feed at full speed (peak), then at half the peak in
/// small batches with a caseworker's live stream open (latencies).
/// </summary>
public static class ModeRun
{
    /// <summary>Households per warm-up region of the silo, 15 settlements each (30 000 settlements a round).</summary>
    private const int WarmUpHouseholds = 2_000;

    /// <summary>The projector's lag behind the journal while the silo runs at its peak, every cost of the silo beside it.</summary>
    private const string ProjectorLag = "ledger_projector_lag_seconds_bucket";

    public static async Task<ModeFigures> RunAsync(string mode, LoadSettings settings, string? connection, Action<string> say)
    {
        var region = new SyntheticRegion(new SimulationSettings
        {
            RegionCode = LoadSettings.Region, Households = settings.Households, Settlements = settings.Settlements, Year = LoadSettings.Year, Seed = settings.Seed,
        });
        var settlements = region.Settlements().ToList();
        var warmupCount = (int)(settlements.Count * settings.WarmupShare);
        var latencyCount = (int)(settlements.Count * settings.LatencyShare);
        var warmup = Batches.Of(settlements.Take(warmupCount), settings.BatchLines);
        var peak = Batches.Of(settlements.Skip(warmupCount).Take(settlements.Count - warmupCount - latencyCount), settings.BatchLines);
        var paced = Batches.Of(settlements.Skip(settlements.Count - latencyCount), settings.LatencyBatchLines);

        await using var silo = await SiloProcess.StartAsync(connection);
        using var feed = Feeder.Client(silo.Url, SiloProcess.FeedKey, Math.Max(settings.Connections, 16));
        var warmUp = await JitWarmUp.RunAsync(silo, async seed =>
        {
            var warm = new SyntheticRegion(new SimulationSettings
            {
                RegionCode = LoadSettings.Region, Households = WarmUpHouseholds, Settlements = WarmUpHouseholds * 15, Year = LoadSettings.Year, Seed = seed,
            });
            await Registration.RunAsync(feed, warm.Persons, 2, CancellationToken.None);
            var settled = warm.Settlements().ToList();
            await new Feeder(feed, settings.Connections).RunAsync(Batches.Of(settled, settings.BatchLines), 0, CancellationToken.None);
            return settled.Count;
        });
        say($"{mode}: warm-up of the silo, settlements: {warmUp}");
        // The warm-up's households stay active: the heap per household is measured from here.
        var heapAtStart = await SiloMemory.LiveHeapAsync(silo);
        say($"{mode}: registering {region.Persons.Count} persons of {settings.Households} households");
        var registration = await Registration.RunAsync(feed, region.Persons, 2, CancellationToken.None);

        say($"{mode}: warm-up, {warmupCount} settlements");
        await new Feeder(feed, settings.Connections).RunAsync(warmup, 0, CancellationToken.None);
        say($"{mode}: peak, {peak.Sum(batch => batch.SetlIds.Length)} settlements in batches of {settings.BatchLines} over {settings.Connections} connections");
        var lagBefore = SiloMetrics.Buckets(await SiloMetrics.ReadAsync(silo), ProjectorLag);
        var cpu = new CpuWindow(silo.ProcessId);
        var peakResult = await new Feeder(feed, settings.Connections).RunAsync(peak, 0, CancellationToken.None);
        var (siloCores, postgresCores) = cpu.Stop();
        var lagP99 = SiloMetrics.QuantileBound(lagBefore, SiloMetrics.Buckets(await SiloMetrics.ReadAsync(silo), ProjectorLag), 0.99);

        var pace = settings.LatencyRate ?? peakResult.PerSecond / 2;
        say($"{mode}: latency, {latencyCount} settlements at {pace:0} per second in batches of {settings.LatencyBatchLines}");
        using var watch = Feeder.Client(silo.Url, SiloProcess.OperatorKey, 1);
        await using var probe = new EventProbe(watch, "35");
        await probe.Connected.WaitAsync(TimeSpan.FromSeconds(30));
        var ackedAt = new ConcurrentDictionary<string, long>();
        var halfPeak = await new Feeder(feed, settings.Connections) { AckedAt = ackedAt }.RunAsync(paced, pace, CancellationToken.None);
        await WaitForEventsAsync(probe);
        var entryBytes = connection is null ? (double?)null : await JournalBytesPerEntryAsync(connection);
        // Every household active with its members and the settlements of the run (15 each by default).
        var perHousehold = (await SiloMemory.LiveHeapAsync(silo) - heapAtStart) / (double)settings.Households;
        return new ModeFigures(mode, settings.Households, region.Persons.Count, registration, peakResult, halfPeak, probe.AfterAcknowledgement(ackedAt),
            siloCores, postgresCores, entryBytes, perHousehold, lagP99);
    }

    /// <summary>The stream lags the acknowledgements by milliseconds; give the last events a moment, bounded.</summary>
    private static async Task WaitForEventsAsync(EventProbe probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var seen = -1;
        while (DateTime.UtcNow < deadline && probe.Received != seen)
        {
            seen = probe.Received;
            await Task.Delay(500);
        }
    }

    /// <summary>What one journal row costs on disk, heap tuple and its three indexes included.</summary>
    private static async Task<double?> JournalBytesPerEntryAsync(string connection)
    {
        await using var open = new NpgsqlConnection(connection);
        await open.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_total_relation_size('ledger_journal')::float8 / greatest(count(*), 1) FROM ledger_journal", open);
        return await command.ExecuteScalarAsync() as double?;
    }
}

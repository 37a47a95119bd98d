using System.Globalization;
using Ledger.Bench.Load.Measuring;
using Ledger.Bench.Load.Phases;
using Ledger.Client.Simulation;

namespace Ledger.Bench.Load;

/// <summary>One bulk registration measured on its own: persons per second and the CPU each process spent on it.</summary>
public sealed record RegistrationFigures(string Mode, int Persons, int Households, int BatchLines, int Connections, double PerSecond, double SiloCores, double PostgresCores)
{
    public string Markdown() => string.Create(CultureInfo.InvariantCulture,
        $"| mode | persons | households | lines per request | requests in flight | persons/s | silo CPU cores | PostgreSQL CPU cores |\n" +
        $"|---|---:|---:|---:|---:|---:|---:|---:|\n" +
        $"| {Mode} | {Persons:N0} | {Households:N0} | {BatchLines:N0} | {Connections} | {PerSecond:N0} | {SiloCores:0.00} | {PostgresCores:0.00} |");
}

/// <summary>
/// Registers a synthetic region through <c>POST /api/persons</c> into a silo that has been registering
/// for a while, as a province's roll (half an hour of it) finds it: warm-up regions of its own go first
/// until the silo's JIT is quiet (<see cref="JitWarmUp"/>). With <c>cold</c>, a fresh silo instead:
/// what the first half-minute of a roll finds.
/// </summary>
public static class RegistrationRun
{
    /// <summary>Households per warm-up region: about 30 000 persons, a second or two of rolls.</summary>
    private const int WarmUpHouseholds = 10_000;

    public static async Task<RegistrationFigures> RunAsync(string mode, int households, int batchLines, int connections, bool cold, string? connection, Action<string> say)
    {
        var region = new SyntheticRegion(new SimulationSettings
        {
            RegionCode = LoadSettings.Region, Households = households, Settlements = 1, Year = LoadSettings.Year, Seed = 3,
        });
        await using var silo = await SiloProcess.StartAsync(connection);
        using var feed = Feeder.Client(silo.Url, SiloProcess.FeedKey, Math.Max(connections, 2));
        if (!cold)
        {
            var warmUp = await JitWarmUp.RunAsync(silo, async seed =>
            {
                var warm = new SyntheticRegion(new SimulationSettings
                {
                    RegionCode = LoadSettings.Region, Households = WarmUpHouseholds, Settlements = 1, Year = LoadSettings.Year, Seed = seed,
                });
                await Registration.RunAsync(feed, warm.Persons, connections, batchLines, CancellationToken.None);
                return warm.Persons.Count;
            });
            say($"{mode}: warm-up, persons: {warmUp}");
        }
        say($"{mode}: registering {region.Persons.Count} persons of {households} households, {batchLines} lines per request, {connections} in flight");
        var jit = await SiloMetrics.JitAsync(silo);
        var cpu = new CpuWindow(silo.ProcessId);
        var perSecond = await Registration.RunAsync(feed, region.Persons, connections, batchLines, CancellationToken.None);
        var (siloCores, postgresCores) = cpu.Stop();
        say($"{mode}: while measured, {await SiloMetrics.JitAsync(silo) - jit}");
        return new RegistrationFigures(mode, region.Persons.Count, households, batchLines, connections, perSecond, siloCores, postgresCores);
    }
}

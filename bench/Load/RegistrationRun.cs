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
/// Registers a synthetic region through <c>POST /api/persons</c> into a fresh silo after a warm-up
/// region of its own, as an identity feed would send its roll to a silo that has been running.
/// </summary>
public static class RegistrationRun
{
    /// <summary>
    /// Households of the warm-up region (about 50 000 persons, some seconds of rolls): long enough for
    /// the JIT to reach its optimised tier on the roll's path. A fresh silo spends about a fifth of its
    /// CPU in the JIT for its first seconds of rolls; a province's roll runs for half an hour.
    /// </summary>
    public const int WarmUpHouseholds = 17_000;

    public static async Task<RegistrationFigures> RunAsync(string mode, int households, int batchLines, int connections, string? connection, Action<string> say)
    {
        var region = new SyntheticRegion(new SimulationSettings
        {
            RegionCode = LoadSettings.Region, Households = households, Settlements = 1, Year = LoadSettings.Year, Seed = 3,
        });
        var warm = new SyntheticRegion(new SimulationSettings { RegionCode = LoadSettings.Region, Households = WarmUpHouseholds, Settlements = 1, Year = LoadSettings.Year, Seed = 4 });
        await using var silo = await SiloProcess.StartAsync(connection);
        using var feed = Feeder.Client(silo.Url, SiloProcess.FeedKey, Math.Max(connections, 2));
        say($"{mode}: warming up with {warm.Persons.Count} persons");
        await Registration.RunAsync(feed, warm.Persons, connections, batchLines, CancellationToken.None);
        say($"{mode}: registering {region.Persons.Count} persons of {households} households, {batchLines} lines per request, {connections} in flight");
        var cpu = new CpuWindow(silo.ProcessId);
        var perSecond = await Registration.RunAsync(feed, region.Persons, connections, batchLines, CancellationToken.None);
        var (siloCores, postgresCores) = cpu.Stop();
        return new RegistrationFigures(mode, region.Persons.Count, households, batchLines, connections, perSecond, siloCores, postgresCores);
    }
}

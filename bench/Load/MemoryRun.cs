using Ledger.Bench.Load.Measuring;
using Ledger.Bench.Load.Phases;
using Ledger.Client.Simulation;
using Ledger.Client.Wire;

namespace Ledger.Bench.Load;

/// <summary>What a silo holds for many active persons and households.</summary>
public sealed record MemoryFigures(string Mode, int Persons, int Households, Reading Before, Reading Loaded, Reading Idle);

/// <summary>The silo's resident memory, and its managed heap after a full collection (what is live), at one moment.</summary>
public sealed record Reading(long Resident, long LiveHeap);

/// <summary>
/// Activates a large region: every person registered (person and household grains active) and one
/// settlement each (every member's year ledger in its household), then reads the silo's resident
/// memory. The growth over a warmed-up silo, divided by households, is what one active household
/// with its members costs; the total is what the machine needs for that many persons.
/// </summary>
public static class MemoryRun
{
    public static async Task<MemoryFigures> RunAsync(string mode, int persons, TimeSpan idle, string? connection, Action<string> say)
    {
        var households = (int)Math.Ceiling(persons / 2.94); // the synthetic region's mean household size
        var region = new SyntheticRegion(new SimulationSettings
        {
            RegionCode = LoadSettings.Region, Households = households, Settlements = households, Year = LoadSettings.Year, Seed = 7,
        });
        await using var silo = await SiloProcess.StartAsync(connection);
        using var feed = Feeder.Client(silo.Url, SiloProcess.FeedKey, 16);
        say($"{mode}: warming up");
        var warm = new SyntheticRegion(new SimulationSettings { RegionCode = LoadSettings.Region, Households = 500, Settlements = 2_000, Year = LoadSettings.Year, Seed = 8 });
        await Registration.RunAsync(feed, warm.Persons, 2, CancellationToken.None);
        await new Feeder(feed, 4).RunAsync(Batches.Of(warm.Settlements(), 500), 0, CancellationToken.None);
        var before = await ReadAsync(silo);
        say($"{mode}: registering {region.Persons.Count} persons of {households} households");
        await Registration.RunAsync(feed, region.Persons, 2, CancellationToken.None);
        say($"{mode}: one settlement per person");
        await new Feeder(feed, 4).RunAsync(Batches.Of(OnePerPerson(region), 1_000), 0, CancellationToken.None);
        // Let the collector catch up with the burst before reading what stays.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var loaded = await ReadAsync(silo);
        say($"{mode}: idle for {idle.TotalSeconds:0} s (persons are let go after two idle minutes; households stay)");
        await Task.Delay(idle);
        // An idle silo does not collect garbage: a second settlement per household (the feed goes on)
        // makes the collector run, so the reading shows what an active region keeps.
        say($"{mode}: a second settlement per household");
        await new Feeder(feed, 4).RunAsync(Batches.Of(OnePerHousehold(region), 1_000), 0, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(10));
        var rested = await ReadAsync(silo);
        return new MemoryFigures(mode, region.Persons.Count, households, before, loaded, rested);
    }

    private static async Task<Reading> ReadAsync(SiloProcess silo)
    {
        var resident = ProcessMeter.ResidentBytes(silo.ProcessId);
        return new Reading(resident, await SiloMemory.LiveHeapAsync(silo));
    }

    private static IEnumerable<SettlementLine> OnePerHousehold(SyntheticRegion region)
    {
        var template = region.Settlements().First();
        return region.Persons.DistinctBy(person => person.HouseholdId).Select((person, index) => template with { SetlId = $"M2-{index}", PsnNo = person.PsnNo });
    }

    private static IEnumerable<SettlementLine> OnePerPerson(SyntheticRegion region)
    {
        var template = region.Settlements().First();
        return region.Persons.Select((person, index) => template with { SetlId = $"M-{index}", PsnNo = person.PsnNo });
    }
}

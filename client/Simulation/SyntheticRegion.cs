using Ledger.Client.Wire;

namespace Ledger.Client.Simulation;

/// <summary>
/// A synthetic region, deterministic by seed and free of I/O: the persons, then a settlement stream
/// that can be enumerated as often as needed and is the same stream each time.
/// </summary>
public sealed class SyntheticRegion
{
    private readonly SimulationSettings _settings;

    public SyntheticRegion(SimulationSettings settings)
    {
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(settings));
        }
        _settings = settings;
        Persons = SyntheticPopulation.Generate(settings, new DeterministicRandom(SeedFor(settings.Seed, stream: 1)));
    }

    public SimulationSettings Settings => _settings;

    public IReadOnlyList<PersonLine> Persons { get; }

    /// <summary>Settlements in time order; a fresh, identical sequence on every call.</summary>
    public IEnumerable<SettlementLine> Settlements() =>
        SyntheticSettlements.Generate(_settings, Persons, new DeterministicRandom(SeedFor(_settings.Seed, stream: 2)));

    // Population and settlements draw from separate streams, so --count does not change the population.
    private static ulong SeedFor(long seed, ulong stream) => unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ stream);
}

namespace Ledger.Policy.Model;

/// <summary>
/// A policy as it stands on the days from <see cref="From"/> to <see cref="Until"/> (inclusive): every
/// dated value resolved to a plain number, so the engine never looks anything up per settlement.
/// </summary>
public sealed record PolicyVersion(
    string PolicyId,
    string Title,
    DateOnly From,
    DateOnly Until,
    Layer[] Layers,
    Monitoring Monitoring)
{
    public BasicLayer? Basic { get; } = Layers.OfType<BasicLayer>().FirstOrDefault();

    public CriticalLayer? Critical { get; } = Layers.OfType<CriticalLayer>().FirstOrDefault();

    public AssistanceLayer? Assistance { get; } = Layers.OfType<AssistanceLayer>().FirstOrDefault();

    public BurdenCapLayer? BurdenCap { get; } = Layers.OfType<BurdenCapLayer>().FirstOrDefault();

    /// <summary>The file's named parameters at this version's dates, for listing and comparing (the engine reads the layers).</summary>
    public IReadOnlyDictionary<string, decimal> Parameters { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The work targets over the policy's 困难群众, when it sets them (read by the KPIs, not the engine).</summary>
    public Targets? Targets { get; init; }
}

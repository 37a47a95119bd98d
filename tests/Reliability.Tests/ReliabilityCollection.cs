namespace Ledger.Reliability.Tests;

/// <summary>
/// The scenarios run one after another: each starts its own processes and loads both cores, and a
/// fault must be the only thing that disturbs a scenario.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability";
}

namespace Ledger.Policy.Engine;

/// <summary>A rule's two levels (DESIGN §5): the warning at a fraction of the threshold, the crossing past it.</summary>
public enum Level : byte
{
    Warning = 0,
    Crossed = 1,
}

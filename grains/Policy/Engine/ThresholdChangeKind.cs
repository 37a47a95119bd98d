namespace Ledger.Policy.Engine;

public enum ThresholdChangeKind : byte
{
    Warning = 0,
    Crossed = 1,
    Cleared = 2,
}

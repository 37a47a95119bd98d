namespace Ledger.Policy.Engine;

/// <summary>One level of one rule that fired or cleared in a settlement or reversal.</summary>
public readonly record struct ThresholdChange(
    Rule Rule, Level Level, ThresholdChangeKind Kind, decimal Value, decimal Threshold)
{
    public bool IsHouseholdSubject => RuleCodes.IsHouseholdRule(Rule);
}

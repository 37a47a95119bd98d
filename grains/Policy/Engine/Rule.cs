namespace Ledger.Policy.Engine;

/// <summary>The monitoring rules of DESIGN §5.</summary>
public enum Rule : byte
{
    ReturnToPovertyRisk = 0,
    ImpoverishmentRisk = 1,
    IndividualCap = 2,
    HouseholdCap = 3,
    AssistanceLimit = 4,
    CriticalDeductibleMet = 5,
    HighCostSettlement = 6,
    CoverageBelowTarget = 7,
}

public enum Level : byte
{
    Warning = 0,
    Crossed = 1,
}

public enum ThresholdChangeKind : byte
{
    Warning = 0,
    Crossed = 1,
    Cleared = 2,
}

public static class RuleCodes
{
    public const int Count = 8;

    private static readonly string[] Codes =
    [
        "return_to_poverty_risk", "impoverishment_risk", "individual_cap", "household_cap",
        "assistance_limit", "critical_deductible_met", "high_cost_settlement", "coverage_below_target",
    ];

    public static string ToCode(Rule rule) => Codes[(int)rule];

    public static bool TryParse(string? code, out Rule rule)
    {
        var index = Array.IndexOf(Codes, code);
        rule = index < 0 ? default : (Rule)index;
        return index >= 0;
    }

    public static string ToCode(Level level) => level == Level.Warning ? "warning" : "crossed";

    public static string ToCode(ThresholdChangeKind kind) => kind switch
    {
        ThresholdChangeKind.Warning => "threshold_warning",
        ThresholdChangeKind.Crossed => "threshold_crossed",
        _ => "threshold_cleared",
    };

    /// <summary>Rules whose subject is the household rather than the settling person.</summary>
    public static bool IsHouseholdRule(Rule rule) => rule is Rule.HouseholdCap or Rule.CoverageBelowTarget;

    /// <summary>
    /// Rules whose value is one settlement's, not the year's: a high-cost level's event carries the self-pay
    /// of the settlement that crossed it, which only that event holds (the year keeps a count of them).
    /// </summary>
    public static bool IsSettlementRule(Rule rule) => rule is Rule.HighCostSettlement;
}

/// <summary>Which (rule, level) pairs have fired for a subject and year: two bits per rule.</summary>
public readonly record struct ThresholdFlags(ushort Bits)
{
    public bool Has(Rule rule, Level level) => (Bits & Mask(rule, level)) != 0;

    public ThresholdFlags With(Rule rule, Level level) => new((ushort)(Bits | Mask(rule, level)));

    public ThresholdFlags Without(Rule rule, Level level) => new((ushort)(Bits & ~Mask(rule, level)));

    /// <summary>The (rule, level) pairs set, rule by rule, the warning before the crossing.</summary>
    public IEnumerable<(Rule Rule, Level Level)> Set()
    {
        for (var rule = (Rule)0; (int)rule < RuleCodes.Count; rule++)
        {
            foreach (var level in Levels)
            {
                if (Has(rule, level))
                {
                    yield return (rule, level);
                }
            }
        }
    }

    private static readonly Level[] Levels = [Level.Warning, Level.Crossed];

    private static int Mask(Rule rule, Level level) => 1 << ((int)rule * 2 + (int)level);
}

/// <summary>One level of one rule that fired or cleared in a settlement or reversal.</summary>
public readonly record struct ThresholdChange(
    Rule Rule, Level Level, ThresholdChangeKind Kind, decimal Value, decimal Threshold)
{
    public bool IsHouseholdSubject => RuleCodes.IsHouseholdRule(Rule);
}

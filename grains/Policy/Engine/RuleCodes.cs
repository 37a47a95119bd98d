namespace Ledger.Policy.Engine;

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

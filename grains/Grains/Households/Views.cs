using Ledger.Contracts.Households;
using Ledger.Policy.Engine;
using Ledger.Policy.Model;

namespace Ledger.Grains.Households;

/// <summary>Maps the engine's year records onto the wire views.</summary>
internal static class Views
{
    public static TotalsView Totals(in YearTotals totals) => new()
    {
        MedfeeSumamt = totals.Total,
        InscpScpAmt = totals.PolicyScope,
        HifpPay = totals.Basic,
        HifmiPay = totals.Critical,
        MafPay = totals.Assistance,
        FloorPay = totals.Floor,
        SupplementaryPay = totals.Supplementary,
        WarmFundPay = totals.WarmFund,
        FundPaySumamt = totals.FundPay,
        PsnPartAmt = totals.SelfPay,
        SettlementCount = totals.SettlementCount,
    };

    /// <summary>The open levels, with the values the flags stand for now (a warning at its own fraction of the threshold).</summary>
    public static List<ThresholdView> Thresholds(ThresholdFlags flags, PolicyVersion? policy, Func<Rule, (decimal Value, decimal Threshold)> reading)
    {
        var fraction = policy?.Monitoring.WarningFraction ?? 1m;
        var open = new List<ThresholdView>();
        for (var rule = 0; rule < RuleCodes.Count; rule++)
        {
            foreach (var level in (ReadOnlySpan<Level>)[Level.Warning, Level.Crossed])
            {
                if (flags.Has((Rule)rule, level))
                {
                    var (value, threshold) = reading((Rule)rule);
                    var levelThreshold = level == Level.Warning ? Policy.Domain.Money.Round(threshold * fraction) : threshold;
                    open.Add(new ThresholdView(RuleCodes.ToCode((Rule)rule), RuleCodes.ToCode(level), value, levelThreshold));
                }
            }
        }
        return open;
    }

    /// <summary>The value and threshold of a rule for a person, as the engine evaluates them.</summary>
    public static (decimal Value, decimal Threshold) PersonReading(PolicyVersion? policy, Rule rule, in PersonYear year)
    {
        var monitoring = policy?.Monitoring.Find(rule);
        return rule switch
        {
            Rule.IndividualCap => (year.Totals.SelfPay, policy?.BurdenCap?.IndividualCap ?? 0m),
            Rule.AssistanceLimit => (year.Totals.Assistance, policy?.Assistance?.AnnualLimit ?? 0m),
            Rule.CriticalDeductibleMet => (year.CriticalBase, policy?.Critical?.Deductible ?? 0m),
            Rule.HighCostSettlement => (year.HighCostCount, monitoring?.Threshold ?? 0m),
            _ => (year.Totals.SelfPay, monitoring?.Threshold ?? 0m),
        };
    }

    public static (decimal Value, decimal Threshold) HouseholdReading(PolicyVersion? policy, Rule rule, in HouseholdYear year)
    {
        var totals = year.Totals;
        return rule == Rule.HouseholdCap
            ? (totals.SelfPay, policy?.BurdenCap?.HouseholdCap ?? 0m)
            : (totals.Total > 0m ? decimal.Round(totals.FundPay / totals.Total, 4) : 1m, policy?.Monitoring.Find(rule)?.Threshold ?? 0m);
    }
}

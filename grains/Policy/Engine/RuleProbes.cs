using Ledger.Policy.Domain;
using Ledger.Policy.Model;

namespace Ledger.Policy.Engine;

/// <summary>One rule's reading on the current state: the value, its threshold and where it stands.</summary>
internal readonly record struct RuleProbe(
    Rule Rule, bool Applies, decimal Value, decimal Threshold, decimal WarningThreshold, bool HasWarning,
    bool Crossed, decimal EventValue)
{
    public bool IsHousehold => RuleCodes.IsHouseholdRule(Rule);

    public bool WarningReached => Value > 0m && Value >= WarningThreshold;

    public ThresholdChange Change(Level level, ThresholdChangeKind kind) =>
        new(Rule, level, kind, EventValue, level == Level.Warning ? WarningThreshold : Threshold);

    /// <summary>A rule that is crossed when a growing value reaches its threshold (a cap, a limit, a deductible).</summary>
    public static RuleProbe Rising(Rule rule, bool applies, decimal value, decimal threshold, decimal warningFraction) =>
        new(rule, applies, value, threshold, Money.Round(threshold * warningFraction), warningFraction > 0m,
            value > 0m && value >= threshold, value);

    /// <summary>
    /// A rule that is crossed only when a growing value is more than its threshold: the seeds' monitoring
    /// lines say 超过 (000 二(二)11), so a year self-pay equal to the line does not cross it. The warning
    /// is the ledger's own and fires at its fraction.
    /// </summary>
    public static RuleProbe Exceeding(Rule rule, bool applies, decimal value, decimal threshold, decimal warningFraction) =>
        new(rule, applies, value, threshold, Money.Round(threshold * warningFraction), warningFraction > 0m,
            value > 0m && value > threshold, value);
}

/// <summary>Reads every rule a policy has on a person's and household's year.</summary>
internal static class RuleProbes
{
    /// <summary>Writes one probe per rule the policy has into <paramref name="list"/>; returns how many.</summary>
    public static int Fill(
        PolicyVersion policy, in MemberContext member, decimal settlementSelfPay, in PersonYear person,
        in HouseholdYear household, Span<RuleProbe> list)
    {
        var count = 0;
        var monitoring = policy.Monitoring;
        var fraction = monitoring.WarningFraction;
        var selfPay = person.Totals.SelfPay;
        foreach (var rule in monitoring.Rules)
        {
            var applies = rule.AppliesTo(member);
            switch (rule.Rule)
            {
                case Rule.ReturnToPovertyRisk or Rule.ImpoverishmentRisk:
                    list[count++] = RuleProbe.Exceeding(rule.Rule, applies, selfPay, rule.Threshold, fraction);
                    break;
                case Rule.HighCostSettlement:
                    list[count++] = new RuleProbe(rule.Rule, applies, person.HighCostCount, rule.Threshold, 0m, false,
                        person.HighCostCount > 0, settlementSelfPay);
                    break;
                case Rule.CoverageBelowTarget:
                    // Compared unrounded: 0.79996 is below 80 % though it shows as 0.8000. The value a
                    // view and an event carry is rounded to 4 places, halves away from zero, for display.
                    var totals = household.Totals;
                    var coverage = totals.Total > 0m ? totals.FundPay / totals.Total : 1m;
                    var shown = decimal.Round(coverage, 4, MidpointRounding.AwayFromZero);
                    list[count++] = new RuleProbe(rule.Rule, applies, shown, rule.Threshold, 0m, false,
                        totals.Total >= rule.MinimumTotal && totals.Total > 0m && coverage < rule.Threshold, shown);
                    break;
            }
        }
        if (policy.BurdenCap is { } cap)
        {
            var eligible = cap.Eligible.Holds(member);
            list[count++] = RuleProbe.Rising(Rule.IndividualCap, eligible, selfPay, cap.IndividualCap, fraction);
            list[count++] = RuleProbe.Rising(Rule.HouseholdCap, eligible, household.Totals.SelfPay, cap.HouseholdCap, fraction);
        }
        if (policy.Assistance is { AnnualLimit: { } limit } assistance)
        {
            var eligible = AssistanceMath.Ratio(assistance.Ratios, member) > 0m;
            list[count++] = RuleProbe.Rising(Rule.AssistanceLimit, eligible, person.Totals.Assistance, limit, fraction);
        }
        if (policy.Critical is { } critical)
        {
            var deductible = CriticalLayerMath.Deductible(critical, member);
            list[count++] = RuleProbe.Rising(Rule.CriticalDeductibleMet, true, person.CriticalBase, deductible, 0m);
        }
        return count;
    }
}

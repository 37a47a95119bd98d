using Ledger.Policy.Model;

namespace Ledger.Policy.Engine;

/// <summary>One rule's value and thresholds on a year, as the engine evaluates it.</summary>
public readonly record struct RuleReading(Rule Rule, bool Applies, decimal Value, decimal Threshold, decimal WarningThreshold)
{
    public decimal ThresholdOf(Level level) => level == Level.Warning ? WarningThreshold : Threshold;
}

/// <summary>
/// The engine's readings of every rule a policy has, for views and events: the same probes
/// <see cref="Thresholds"/> fires on, so what a caseworker reads is what fired.
/// </summary>
public static class RuleReadings
{
    /// <summary>The rules a policy evaluates, in the order <see cref="Thresholds"/> evaluates them (and reports their changes).</summary>
    public static Rule[] Order(PolicyVersion policy)
    {
        Span<RuleProbe> probes = stackalloc RuleProbe[RuleCodes.Count];
        var count = RuleProbes.Fill(policy, default, 0m, default, default, probes);
        var order = new Rule[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = probes[i].Rule;
        }
        return order;
    }

    public static RuleReading? Read(PolicyVersion policy, Rule rule, in MemberContext member, in PersonYear person, in HouseholdYear household)
    {
        Span<RuleProbe> probes = stackalloc RuleProbe[RuleCodes.Count];
        var count = RuleProbes.Fill(policy, member, 0m, person, household, probes);
        foreach (var probe in probes[..count])
        {
            if (probe.Rule == rule)
            {
                return new RuleReading(rule, probe.Applies, probe.Value, probe.Threshold, probe.WarningThreshold);
            }
        }
        return null;
    }
}

using Ledger.Policy.Domain;
using Ledger.Policy.Model;

namespace Ledger.Policy.Engine;

/// <summary>
/// Evaluates the monitoring rules on a person's and household's year after a settlement or reversal
/// has been applied. A level fires once (its flag is set in the same state change) and is re-armed,
/// with a <see cref="ThresholdChangeKind.Cleared"/>, when the value goes back under it.
/// </summary>
public static class Thresholds
{
    /// <summary>Every rule can change both levels at most once per evaluation.</summary>
    public const int ChangesMax = RuleCodes.Count * 2;

    public static int Evaluate(
        PolicyVersion policy, in MemberContext member, decimal settlementSelfPay,
        ref PersonYear person, ref HouseholdYear household, Span<ThresholdChange> changes)
    {
        var count = 0;
        Span<RuleProbe> probes = stackalloc RuleProbe[RuleCodes.Count];
        var probeCount = RuleProbes.Fill(policy, member, settlementSelfPay, person, household, probes);
        foreach (var probe in probes[..probeCount])
        {
            var flags = probe.IsHousehold ? household.Flags : person.Flags;
            flags = Update(probe, flags, changes, ref count);
            if (probe.IsHousehold)
            {
                household.Flags = flags;
            }
            else
            {
                person.Flags = flags;
            }
        }
        person.Flags = ClearUnlisted(probes[..probeCount], person.Flags, household: false, changes, ref count);
        household.Flags = ClearUnlisted(probes[..probeCount], household.Flags, household: true, changes, ref count);
        return count;
    }

    /// <summary>
    /// Clears the open levels of rules the policy no longer lists (a level raised under a policy file that
    /// has since dropped the rule, such as Jinhua's coverage_below_target before its targets: section):
    /// nothing would ever evaluate them again, so they would stay open, and on the monitoring list, for
    /// good. The clearing carries no reading (value and threshold 0): the policy has none for the rule.
    /// </summary>
    private static ThresholdFlags ClearUnlisted(
        ReadOnlySpan<RuleProbe> probes, ThresholdFlags flags, bool household, Span<ThresholdChange> changes, ref int count)
    {
        // By rule and level, not flags.Set(): this runs at every settlement and must not allocate.
        for (var rule = (Rule)0; flags.Bits != 0 && (int)rule < RuleCodes.Count; rule++)
        {
            if (RuleCodes.IsHouseholdRule(rule) != household || Listed(probes, rule))
            {
                continue;
            }
            foreach (var level in (ReadOnlySpan<Level>)[Level.Crossed, Level.Warning])
            {
                if (flags.Has(rule, level))
                {
                    changes[count++] = new ThresholdChange(rule, level, ThresholdChangeKind.Cleared, 0m, 0m);
                    flags = flags.Without(rule, level);
                }
            }
        }
        return flags;
    }

    private static bool Listed(ReadOnlySpan<RuleProbe> probes, Rule rule)
    {
        foreach (var probe in probes)
        {
            if (probe.Rule == rule)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Fires a level only for a subject the rule applies to, but clears one whenever its value is back
    /// under, whoever settled: a household level raised by an eligible member must not stay up after
    /// the spending that held it there is reversed by another.
    /// </summary>
    private static ThresholdFlags Update(in RuleProbe probe, ThresholdFlags flags, Span<ThresholdChange> changes, ref int count)
    {
        var crossed = probe.Crossed;
        var warning = probe.HasWarning && (crossed || probe.WarningReached);
        if (!probe.Applies)
        {
            crossed &= flags.Has(probe.Rule, Level.Crossed);
            warning &= flags.Has(probe.Rule, Level.Warning);
        }
        var wasWarning = flags.Has(probe.Rule, Level.Warning);
        var wasCrossed = flags.Has(probe.Rule, Level.Crossed);
        if (wasCrossed && !crossed)
        {
            changes[count++] = probe.Change(Level.Crossed, ThresholdChangeKind.Cleared);
            flags = flags.Without(probe.Rule, Level.Crossed);
        }
        if (wasWarning && !warning)
        {
            changes[count++] = probe.Change(Level.Warning, ThresholdChangeKind.Cleared);
            flags = flags.Without(probe.Rule, Level.Warning);
        }
        if (warning && !wasWarning)
        {
            changes[count++] = probe.Change(Level.Warning, ThresholdChangeKind.Warning);
            flags = flags.With(probe.Rule, Level.Warning);
        }
        if (crossed && !wasCrossed)
        {
            changes[count++] = probe.Change(Level.Crossed, ThresholdChangeKind.Crossed);
            flags = flags.With(probe.Rule, Level.Crossed);
        }
        return flags;
    }
}

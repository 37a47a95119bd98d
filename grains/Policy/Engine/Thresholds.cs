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
        return count;
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

using Ledger.Contracts.Households;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Model;

namespace Ledger.Grains.Households;

/// <summary>Maps the engine's monitoring readings onto the wire views (the amounts: <see cref="Journal.WireAmounts"/>).</summary>
internal static class Views
{
    /// <summary>
    /// The open levels, each with its rule's value as the engine reads it now and the threshold the level
    /// was reached with (its opening event's, as on the monitoring row: a member who was dibao then keeps
    /// the tilted critical deductible after the identity ends). A rule whose value is one settlement's
    /// (<see cref="RuleCodes.IsSettlementRule"/>) shows its opening event's value too: the self-pay of the
    /// settlement that crossed, as the event and the monitoring row carry it. Without a known opening,
    /// the engine's reading.
    /// </summary>
    public static List<ThresholdView> Thresholds(
        ThresholdFlags flags, Func<Rule, Level, EntryEvent?> openings, PolicyVersion? policy, in MemberContext member, in PersonYear person,
        in HouseholdYear household)
    {
        var open = new List<ThresholdView>();
        foreach (var (rule, level) in flags.Set())
        {
            var reading = policy is null ? null : RuleReadings.Read(policy, rule, member, person, household);
            var opening = openings(rule, level);
            var threshold = opening?.Threshold ?? reading?.ThresholdOf(level) ?? 0m;
            var value = RuleCodes.IsSettlementRule(rule) && opening is { } opened ? opened.Value : reading?.Value ?? 0m;
            open.Add(new ThresholdView(RuleCodes.ToCode(rule), RuleCodes.ToCode(level), value, threshold));
        }
        return open;
    }
}

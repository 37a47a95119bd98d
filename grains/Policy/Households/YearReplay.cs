using Ledger.Policy.Engine;
using Ledger.Policy.Model;

namespace Ledger.Policy.Households;

/// <summary>A settlement of a year as the journal has it: its recorded entry and what it stands at now.</summary>
internal sealed class Standing(JournalEntry recorded)
{
    public JournalEntry Recorded { get; } = recorded;

    /// <summary>The recorded split plus every adjustment since (zero once reversed).</summary>
    public YearChange Effective { get; set; } = recorded.Change;

    public JournalEntry? Reversal { get; set; }

    public SettlementKey Key => Recorded.Key;

    /// <summary>Reads a year's journal (the entries of the household's members) into its settlements by setl_id.</summary>
    public static Dictionary<string, Standing> Of(IEnumerable<JournalEntry> history)
    {
        var bySetlId = new Dictionary<string, Standing>(StringComparer.Ordinal);
        foreach (var entry in history.Where(entry => entry.IsSettlement).OrderBy(entry => entry.Position))
        {
            if (entry.Kind == EntryKind.Recorded)
            {
                bySetlId[entry.SetlId] = new Standing(entry);
            }
            else if (bySetlId.TryGetValue(entry.SetlId, out var standing))
            {
                standing.Effective = standing.Effective.Plus(entry.Change);
                standing.Reversal = entry.Kind == EntryKind.Reversed ? entry : standing.Reversal;
            }
        }
        return bySetlId;
    }
}

/// <summary>One settlement to replay: who, where in the year, the claim, and what it stands at in the journal.</summary>
internal readonly record struct ReplayStep(string PsnNo, SettlementKey Key, Claim Claim, YearChange Effective);

/// <summary>What a replay made of one settlement it split again: its change, split, policy and the member's context.</summary>
internal readonly record struct ReplayOutcome(YearChange Change, Split Split, PolicyVersion Policy, MemberContext Context);

/// <summary>
/// A household-year replayed in settlement-time order from an empty year. Settlements before
/// <c>recomputeFrom</c> count with what they stand at in the journal; from it on each is split again by
/// the engine, with the member's identities on its date as known now. Every threshold change is logged
/// with the settlement at which it happened.
/// </summary>
internal sealed class YearReplay
{
    public Dictionary<string, PersonYear> Persons { get; } = new(StringComparer.Ordinal);

    public HouseholdYear Household;

    public List<EntryEvent> Log { get; } = [];

    /// <summary>
    /// What each settlement split again (from <c>recomputeFrom</c> on) was split into, by setl_id. Those
    /// counted as they stand are not kept: a late settlement's replay would otherwise copy every earlier
    /// settlement's change into a dictionary nobody reads.
    /// </summary>
    public Dictionary<string, ReplayOutcome> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>The last settlement replayed, or <see cref="SettlementKey.None"/>.</summary>
    public SettlementKey LastStep { get; private set; } = SettlementKey.None;

    public static YearReplay Run(
        string householdId, IEnumerable<ReplayStep> steps, SettlementKey recomputeFrom,
        Func<string, MemberProfile> profiles, PolicyLookup policies)
    {
        var replay = new YearReplay();
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        // Setl ids are unique within a year, so an unstable sort keeps the one order there is.
        var ordered = steps.ToArray();
        Array.Sort(ordered, static (left, right) => left.Key.CompareTo(right.Key));
        foreach (var step in ordered)
        {
            var profile = profiles(step.PsnNo);
            var context = profile.On(step.Claim.Date);
            var policy = policies(profile.RegionCode, step.Claim.Date);
            var person = replay.Persons.GetValueOrDefault(step.PsnNo);
            int count;
            if (step.Key >= recomputeFrom && policy is not null)
            {
                var split = SettlementEngine.Record(policy, step.Claim, context, ref person, ref replay.Household, changes, out count);
                replay.Outcomes[step.Key.SetlId] = new ReplayOutcome(YearChange.Of(split), split, policy, context);
            }
            else
            {
                step.Effective.ApplyTo(ref person);
                step.Effective.ApplyTo(ref replay.Household);
                count = policy is null ? 0
                    : Thresholds.Evaluate(policy, context, step.Effective.Totals.SelfPay, ref person, ref replay.Household, changes);
            }
            replay.Persons[step.PsnNo] = person;
            foreach (var change in changes[..count])
            {
                replay.Log.Add(EntryEvent.From(change, step.PsnNo, householdId, step.Key));
            }
            replay.LastStep = step.Key;
        }
        return replay;
    }

    /// <summary>The last logged change of one level of one rule on one subject, if any.</summary>
    public EntryEvent? LastLogged(bool household, string subjectId, Rule rule, Level level)
    {
        for (var i = Log.Count - 1; i >= 0; i--)
        {
            var logged = Log[i];
            if (logged.HouseholdSubject == household && logged.SubjectId == subjectId && logged.Rule == rule && logged.Level == level)
            {
                return logged;
            }
        }
        return null;
    }
}

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

    /// <summary>What the replay split it into, when the replay split it again; null when it counted as it stands.</summary>
    public ReplayOutcome? Outcome { get; set; }

    public SettlementKey Key => Recorded.Key;

    /// <summary>A settlement not journaled yet (a late one being planned), of the member's region now: it stands at nothing.</summary>
    public static Standing Pending(MemberProfile member, SettlementKey key, in Claim claim) => new(new JournalEntry
    {
        Kind = EntryKind.Recorded, SetlId = key.SetlId, PsnNo = member.PsnNo, RegionCode = member.RegionCode, SetlTime = key.SetlTime, Claim = claim,
    });

    /// <summary>
    /// The region whose policy computes the settlement: the one it was recorded in (where the person was
    /// insured when it arrived), so a later change of the person's region re-splits none of it.
    /// </summary>
    public string RegionOf(MemberProfile member) => Recorded.RegionCode.Length > 0 ? Recorded.RegionCode : member.RegionCode;

    /// <summary>Reads a year's journal (the entries of the household's members) into its settlements by setl_id.</summary>
    public static Dictionary<string, Standing> Of(IEnumerable<JournalEntry> history)
    {
        var bySetlId = new Dictionary<string, Standing>(history.TryGetNonEnumeratedCount(out var count) ? count : 0, StringComparer.Ordinal);
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

/// <summary>What a replay made of one settlement it split again: its change, split, policy and the member's context.</summary>
internal sealed record ReplayOutcome(YearChange Change, Split Split, PolicyVersion Policy, MemberContext Context);

/// <summary>
/// A household-year replayed in settlement-time order from an empty year. Settlements before
/// <c>recomputeFrom</c> count with what they stand at in the journal; from it on each is split again by
/// the engine, under the policy of the region it was recorded in (<see cref="Standing.RegionOf"/>), with the
/// member's identities on its date as known now. Every threshold change is logged
/// with the settlement at which it happened. What each inpatient stay paid towards its deductible (the
/// figure a referral reads) is always worked out again from its claim, never read from the journal.
/// </summary>
internal sealed class YearReplay
{
    public Dictionary<string, PersonYear> Persons { get; } = new(StringComparer.Ordinal);

    public HouseholdYear Household;

    public List<EntryEvent> Log { get; } = [];

    /// <summary>The last settlement replayed, or <see cref="SettlementKey.None"/>.</summary>
    public SettlementKey LastStep { get; private set; } = SettlementKey.None;

    /// <param name="steps">
    /// The settlements to replay, in any order (sorted here, in place). Each one split again (from
    /// <paramref name="recomputeFrom"/> on) gets its <see cref="Standing.Outcome"/>.
    /// </param>
    public static YearReplay Run(
        string householdId, List<Standing> steps, SettlementKey recomputeFrom,
        Func<string, MemberProfile> profiles, PolicyLookup policies)
    {
        var replay = new YearReplay();
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        // Setl ids are unique within a year, so an unstable sort keeps the one order there is.
        steps.Sort(static (left, right) => left.Key.CompareTo(right.Key));
        foreach (var step in steps)
        {
            var recorded = step.Recorded;
            var (psnNo, key, date) = (recorded.PsnNo, recorded.Key, recorded.Claim.Date);
            var profile = profiles(psnNo);
            var context = profile.On(date);
            var policy = policies(step.RegionOf(profile), date);
            var person = replay.Persons.GetValueOrDefault(psnNo);
            int count;
            if (key >= recomputeFrom && policy is not null)
            {
                var split = SettlementEngine.Record(policy, recorded.Claim, context, ref person, ref replay.Household, changes, out count);
                step.Outcome = new ReplayOutcome(YearChange.Of(split), split, policy, context);
            }
            else
            {
                var effective = step.Effective;
                if (policy is { Basic: { } basic })
                {
                    // What the stay paid towards its deductible, as the engine works it out on the year so
                    // far, not as journaled: entries journaled before the figure was kept carry 0, and a
                    // re-adjudication journals a change of it with the plan rather than per stay.
                    var paid = BasicLayerMath.Deductible(basic, recorded.Claim, context, person).Paid;
                    effective = effective with { DeductiblePaid = paid };
                }
                effective.ApplyTo(ref person);
                effective.ApplyTo(ref replay.Household);
                count = policy is null ? 0
                    : Thresholds.Evaluate(policy, context, effective.Totals.SelfPay, ref person, ref replay.Household, changes);
            }
            replay.Persons[psnNo] = person;
            foreach (var change in changes[..count])
            {
                replay.Log.Add(EntryEvent.From(change, psnNo, householdId, key));
            }
            replay.LastStep = key;
        }
        return replay;
    }

    /// <summary>The event an open level was last reached with; null when the replay ends with it closed.</summary>
    public EntryEvent? OpeningOf(bool household, string subjectId, Rule rule, Level level) =>
        LastLogged(household, subjectId, rule, level) is { Kind: not EntryEventKind.Cleared } opening ? opening : null;

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

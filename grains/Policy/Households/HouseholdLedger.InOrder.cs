using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Shared;

namespace Ledger.Policy.Households;

/// <summary>What a settlement recorded in order came to: its year change, the member's context and the cap that bound, or the ledger's refusal.</summary>
public readonly record struct InOrderOutcome(YearChange Change, MemberContext Context, CapBinding CapBinding, LedgerRefusal? Refusal);

public sealed partial class HouseholdLedger
{
    /// <summary>
    /// Records a settlement that comes after every one of its year, for a ledger without a journal (the
    /// what-if replays a household-year this way). The state ends as <see cref="PlanSettlementAsync"/> then
    /// <see cref="Commit"/> leave it (the same split, the same year totals, the same threshold levels), without
    /// the journal entry, the plan and the events a journal would need. One difference: an <c>oth_pay</c> more
    /// than the tiers leave is booked as far as it fits, not refused, as a re-adjudication books it (a
    /// what-if splits stored settlements again).
    /// </summary>
    public InOrderOutcome RecordInOrder(string psnNo, SettlementKey key, in Claim claim, PolicyLookup policies)
    {
        var member = _members[psnNo];
        if (RefusalOf(member.Profile, claim.Date, policies, out var policy) is { } refusal)
        {
            return new(default, default, CapBinding.None, refusal);
        }
        var year = claim.Date.Year;
        var (stored, state) = (member.Years.Get(year), _years.Get(year));
        if (key < state.Last)
        {
            throw new InvalidOperationException($"household {HouseholdId}: {key.SetlId} is dated before a recorded settlement of {year}; record in settlement-time order");
        }
        var context = member.Profile.On(claim.Date);
        var (person, household) = (stored, state.Year);
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        var split = SettlementEngine.Record(policy!, claim, context, ref person, ref household, changes, out var count);
        // The engine's year is the stored one plus the split, exactly what folding the entry's change gives
        // (and it checked the invariants on it); the levels are folded from the changes as for an entry.
        if (Retain(year))
        {
            (person.Flags, household.Flags) = (stored.Flags, state.Year.Flags);
            member.Years.Set(year, person);
            _years.Set(year, new HouseholdYearState(household, SettlementKey.Max(state.Last, key)));
        }
        foreach (ref readonly var fired in changes[..count])
        {
            ApplyFlag(EntryEvent.From(fired, psnNo, HouseholdId, key));
        }
        return new(YearChange.Of(split), context, split.CapBinding, null);
    }
}

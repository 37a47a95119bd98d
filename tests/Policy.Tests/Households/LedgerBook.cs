using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;

namespace Ledger.Policy.Tests.Households;

/// <summary>
/// A household ledger with an in-memory journal, as the household grain hosts it: plans, lets the
/// journal refuse a setl_id it already holds (its unique key), commits with positions and folds in.
/// Books of several households may share one journal (as the households of a cluster do), each reading
/// its members' entries from it.
/// </summary>
internal sealed class LedgerBook(string householdId, PolicyCatalogue catalogue, List<JournalEntry>? journal = null)
{
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public HouseholdLedger Ledger { get; } = new(householdId);

    public List<JournalEntry> Journal { get; } = journal ?? [];

    public PolicyLookup Policies => (region, date) => catalogue.Find(region, date);

    public Task<IReadOnlyList<JournalEntry>> Read(IReadOnlyCollection<string> psnNos, int fromYear, int toYear) =>
        Task.FromResult<IReadOnlyList<JournalEntry>>(Journal.Where(entry => psnNos.Contains(entry.PsnNo)
            && entry.Year >= fromYear && entry.Year <= toYear).ToList());

    public async Task<LedgerPlan> Register(MemberProfile profile)
    {
        var plan = await Ledger.PlanMemberAsync(profile, Policies, Read, Now);
        if (plan.Refusal is null)
        {
            Commit(plan, profile);
        }
        return plan;
    }

    /// <summary>
    /// A member moving with a new profile, as the household grains do it: the household lets it go
    /// (rebuilt without it), then takes it in with the plan of its arrival (rebuilt with it), or takes it back.
    /// </summary>
    public async Task<LedgerPlan> Move(MemberProfile previous, MemberProfile profile)
    {
        Ledger.Remove(profile.PsnNo);
        Ledger.Rebuild(Journal, Policies);
        var plan = await Ledger.PlanArrivalAsync(previous, profile, Policies, Read, Now);
        foreach (var entry in plan.Entries)
        {
            Journal.Add(entry with { Position = Journal.Count + 1 });
        }
        Ledger.Admit(plan.Refusal is null ? profile : previous);
        Ledger.Rebuild(Journal, Policies);
        return plan;
    }

    /// <summary>
    /// A member moving to the household of <paramref name="joined"/> (sharing this journal), as the grains
    /// do it: this household lets it go (rebuilt without it), the joined one plans its arrival and takes it
    /// in (rebuilt with it), or this one takes it back; once moved, this one journals its departure (and is
    /// rebuilt with it).
    /// </summary>
    public async Task<(LedgerPlan Arrival, LedgerPlan Departure)> MoveTo(LedgerBook joined, MemberProfile previous, MemberProfile profile)
    {
        Ledger.Remove(profile.PsnNo);
        Ledger.Rebuild(Journal, Policies);
        var arrival = await joined.Ledger.PlanArrivalAsync(previous, profile, Policies, joined.Read, Now);
        if (arrival.Refusal is not null)
        {
            Ledger.Admit(previous);
            Ledger.Rebuild(Journal, Policies);
            return (arrival, LedgerPlan.Nothing);
        }
        foreach (var entry in arrival.Entries)
        {
            Journal.Add(entry with { Position = Journal.Count + 1 });
        }
        joined.Ledger.Admit(profile);
        joined.Ledger.Rebuild(Journal, Policies);
        var departure = Ledger.PlanDeparture(profile.PsnNo, await Read([.. Ledger.Members.Keys, profile.PsnNo], 0, int.MaxValue), Policies, Now);
        // Journaled, then rebuilt (not folded in), as the household grain does: a household left with no
        // settlement of the year journals its levels' clearing on an entry of the mover, no member here.
        foreach (var entry in departure.Entries)
        {
            Journal.Add(entry with { Position = Journal.Count + 1 });
        }
        Ledger.Rebuild(Journal, Policies);
        return (arrival, departure);
    }

    public async Task<LedgerPlan> Settle(string psnNo, SettlementKey key, Claim claim)
    {
        var plan = await Ledger.PlanSettlementAsync(psnNo, key, claim, Policies, Read, Now);
        if (plan.Entries.Count > 0 && Journal.FirstOrDefault(entry => entry.Kind == EntryKind.Recorded && entry.SetlId == key.SetlId) is { } seen)
        {
            return LedgerPlan.AlreadyDone(seen);
        }
        Commit(plan);
        return plan;
    }

    public async Task<LedgerPlan> Reverse(string psnNo, string setlId)
    {
        if (Journal.FirstOrDefault(entry => entry.Kind == EntryKind.Recorded && entry.SetlId == setlId) is not { } recorded)
        {
            return LedgerPlan.Refuse(RefusalKind.NotFound, "setl_id", "not recorded");
        }
        var plan = await Ledger.PlanReversalAsync(psnNo, setlId, recorded.Year, Policies, Read, Now);
        Commit(plan);
        return plan;
    }

    /// <summary>The entries as the journal committed them (with positions), folded into the ledger.</summary>
    public IReadOnlyList<JournalEntry> Commit(LedgerPlan plan, MemberProfile? profile = null)
    {
        var committed = new List<JournalEntry>(plan.Entries.Count);
        foreach (var entry in plan.Entries)
        {
            committed.Add(entry with { Position = Journal.Count + 1 });
            Journal.Add(committed[^1]);
        }
        Ledger.Commit(committed, profile);
        return committed;
    }
}

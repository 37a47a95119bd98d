using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Journal;
using Ledger.Grains.Persons;
using Ledger.Grains.Settlements;
using Ledger.Policy.Households;

namespace Ledger.Grains.Households;

/// <summary>Members: registrations and identity changes (with their re-adjudications), and moves.</summary>
public sealed partial class HouseholdGrain
{
    /// <summary>
    /// Every registration that changes no recorded settlement goes in one append; one whose identities
    /// change recorded settlements is re-adjudicated and appended on its own.
    /// </summary>
    public Task<IReadOnlyList<RegistrationOutcome>> Register(IReadOnlyList<PersonRecord> persons) => Fenced(() => Registered(persons));

    private async Task<IReadOnlyList<RegistrationOutcome>> Registered(IReadOnlyList<PersonRecord> persons)
    {
        var now = clock.GetUtcNow();
        var plan = RegistrationPlan.Of(_ledger, _registered, persons, now);
        if (plan.Written.Count > 0)
        {
            var outcome = await Commit(plan.Append(HouseholdId));
            foreach (var written in plan.Answer(outcome))
            {
                _ledger.Admit(written.Profile);
                _registered[written.Person.PsnNo] = written.Digest;
            }
            Fold(outcome.Committed);
        }
        foreach (var index in plan.Deferred)
        {
            plan.Outcomes[index] = await Reregister(persons[index], now);
        }
        await NoteHouseholdsLeft(plan.Outcomes);
        return plan.Outcomes;
    }

    /// <summary>
    /// An unchanged member may be the resend of a move whose household left never re-adjudicated without
    /// it (that append failed, or its silo died): the journal tells, by the member's settlement entries of
    /// the open years that another household wrote, and whether that household has journaled its departure
    /// since the member last joined it (<see cref="HouseholdLedger.DepartureDone"/>). Read only for unchanged
    /// members with a settlement in an open year, one read per call, so settlements and registrations of
    /// persons without one cost nothing; a member with settlement entries another household wrote costs a
    /// second read, of its whole history (the marks of its moves are dated by the oldest open year of their
    /// time). Only a household whose departure is not journaled is asked: a moved member's resend no longer
    /// makes each household it left read its history and plan again, and a departure done once is not planned
    /// again (moves journaled before the departure mark existed are asked once more, and marked then).
    /// </summary>
    private async Task NoteHouseholdsLeft(RegistrationOutcome[] outcomes)
    {
        var settled = outcomes.Where(outcome => outcome.Status == RegistrationStatus.Unchanged && _ledger.Members.TryGetValue(outcome.PsnNo, out var member)
            && member.Years.Entries().Any(year => year.Value.Totals.SettlementCount > 0)).Select(outcome => outcome.PsnNo).ToList();
        if (settled.Count == 0)
        {
            return;
        }
        var entries = await journal.ReadPersons(settled, _ledger.Years.NewerYear - HouseholdLedger.YearsRetained + 1, int.MaxValue);
        var wroteElsewhere = entries.Where(entry => entry.IsSettlement && entry.HouseholdId != HouseholdId)
            .ToLookup(entry => entry.PsnNo, entry => entry.HouseholdId, StringComparer.Ordinal);
        if (wroteElsewhere.Count == 0)
        {
            return;
        }
        var histories = (await journal.ReadPersons([.. wroteElsewhere.Select(member => member.Key)], 0, int.MaxValue))
            .ToLookup(entry => entry.PsnNo, StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Length; i++)
        {
            var psnNo = outcomes[i].PsnNo;
            if (outcomes[i].Status != RegistrationStatus.Unchanged || !wroteElsewhere.Contains(psnNo))
            {
                continue;
            }
            var left = wroteElsewhere[psnNo].Distinct(StringComparer.Ordinal)
                .Where(householdId => !HouseholdLedger.DepartureDone(histories[psnNo], psnNo, householdId)).ToList();
            if (left.Count > 0)
            {
                outcomes[i] = outcomes[i] with { HouseholdsLeft = left };
            }
        }
    }

    /// <summary>An identity or residence change that re-adjudicates recorded settlements.</summary>
    private async Task<RegistrationOutcome> Reregister(PersonRecord person, DateTimeOffset now)
    {
        var profile = PersonRecords.Profile(person);
        var plan = await _ledger.PlanMemberAsync(profile, Policies, History, now);
        return await RegisterMember(person, plan, HouseholdId, committed =>
        {
            Fold(committed, profile);
            return Task.CompletedTask;
        });
    }

    public async Task Release(string psnNo)
    {
        if (!_ledger.Remove(psnNo))
        {
            return;
        }
        _registered.Remove(psnNo);
        await Rebuild();
        // The snapshot stored holds the member let go, so the next activation would rebuild: a new one is
        // started, off the move's answer path as every snapshot is.
        StartSnapshot();
    }

    public Task<IReadOnlyList<AdjustmentView>> Departed(string psnNo) => Fenced(() => Departure(psnNo));

    /// <summary>
    /// A member's registration moved elsewhere after this household let it go: the years it settled in are
    /// re-adjudicated without it (its journal still tells where its money was) and journaled by this
    /// household, the single writer of its members' money. Only once the move is committed: until then a
    /// refused or lost admission takes the member back with nothing to undo.
    /// </summary>
    private async Task<IReadOnlyList<AdjustmentView>> Departure(string psnNo)
    {
        // A household the move left empty is planned too: the household levels its journal has open clear.
        if (_registered.ContainsKey(psnNo) || await journal.FindPerson(psnNo) is not { } person || person.HouseholdId == HouseholdId)
        {
            return [];
        }
        var history = await journal.ReadPersons([.. _registered.Keys, psnNo], 0, int.MaxValue);
        var plan = _ledger.PlanDeparture(psnNo, history, Policies, clock.GetUtcNow());
        if (plan.Entries.Count == 0)
        {
            return [];
        }
        var outcome = await Commit(new JournalAppend(plan.Entries, []));
        // Rebuilt without the member from settlements split with it, the ledger may read a household level
        // that neither the journal nor the departure's replay holds (the plan's events go from the journal's
        // levels to the replay's): rebuilt again with the departure, it holds what the journal now says. The
        // rebuild reads the members' entries only (the mover's are passed over), so it keeps the years and
        // levels a reload keeps, not the mover's newer years.
        _ledger.Rebuild([.. history, .. outcome.Committed], Policies);
        _sinceSnapshot += outcome.Committed.Count;
        return Adjustments(outcome.Committed);
    }

    public async Task Restore(string psnNo)
    {
        if (await journal.FindPerson(psnNo) is { } person && person.HouseholdId == HouseholdId && !_registered.ContainsKey(psnNo))
        {
            _registered[psnNo] = RegistrationDigest.Of(person);
            _ledger.Admit(PersonRecords.Profile(person));
            await Rebuild();
        }
    }

    /// <summary>A person moving in: its registration moves here only if it is still where it left from.</summary>
    public Task<RegistrationOutcome> Admit(PersonRecord person, string fromHouseholdId) => Fenced(() => Admitted(person, fromHouseholdId));

    /// <summary>
    /// The person's settlements of the open years come with it: each such year is re-adjudicated with it
    /// in the household (cause member_moved), planned against the profile it had where it left from, so a
    /// move that changes its identities or residence too is re-adjudicated as that change without a move
    /// would be (or refused for a closed year), all in the one append that moves the registration.
    /// </summary>
    private async Task<RegistrationOutcome> Admitted(PersonRecord person, string fromHouseholdId)
    {
        var profile = PersonRecords.Profile(person);
        var now = clock.GetUtcNow();
        var plan = await journal.FindPerson(person.PsnNo) is { } previous && previous.HouseholdId == fromHouseholdId
            ? await _ledger.PlanArrivalAsync(PersonRecords.Profile(previous), profile, Policies, History, now)
            : _ledger.PlanMember(profile, now);
        return await RegisterMember(person, plan, fromHouseholdId, async _ =>
        {
            _ledger.Admit(profile);
            // The member's years come with its journal, written by the household it left.
            await Rebuild();
            StartSnapshot();
        });
    }

    /// <summary>
    /// Appends a member's plan with its registration, written only while the journal still has the person
    /// in <paramref name="expectedHouseholdId"/>: a refused plan is rejected, a registration gone elsewhere
    /// meanwhile is answered so, and once committed the member is registered here and
    /// <paramref name="taken"/> takes in the committed entries.
    /// </summary>
    private async Task<RegistrationOutcome> RegisterMember(
        PersonRecord person, LedgerPlan plan, string expectedHouseholdId, Func<IReadOnlyList<JournalEntry>, Task> taken)
    {
        if (plan.Refusal is { } refusal)
        {
            return RegistrationOutcome.Rejected(person.PsnNo, Rejections.Of(refusal));
        }
        var outcome = await Commit(new JournalAppend(plan.Entries, [new PersonWrite(person, expectedHouseholdId)]));
        if (outcome.PersonsRefused.Contains(person.PsnNo))
        {
            return new RegistrationOutcome(person.PsnNo, RegistrationStatus.Elsewhere, null, []);
        }
        _registered[person.PsnNo] = RegistrationDigest.Of(person);
        await taken(outcome.Committed);
        return new RegistrationOutcome(person.PsnNo, RegistrationStatus.Registered, null, Adjustments(outcome.Committed));
    }

    private static AdjustmentView[] Adjustments(IReadOnlyList<JournalEntry> committed) =>
        [.. committed.Where(entry => entry.Kind == EntryKind.Adjusted).Select(EntryEvents.Adjustment)];
}

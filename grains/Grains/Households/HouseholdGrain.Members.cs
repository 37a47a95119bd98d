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
    public async Task<IReadOnlyList<RegistrationOutcome>> Register(IReadOnlyList<PersonRecord> persons)
    {
        var outcomes = new RegistrationOutcome[persons.Count];
        var now = clock.GetUtcNow();
        var batch = new List<(int Index, PersonRecord Person, RegistrationDigest Digest, MemberProfile Profile, IReadOnlyList<JournalEntry> Entries)>();
        var deferred = new List<int>();
        var region = _ledger.RegionCode;
        var members = _ledger.Members.Count;
        for (var i = 0; i < persons.Count; i++)
        {
            var person = persons[i];
            var digest = RegistrationDigest.Of(person);
            var known = _registered.TryGetValue(person.PsnNo, out var stored);
            if (known && stored == digest)
            {
                outcomes[i] = new RegistrationOutcome(person.PsnNo, RegistrationStatus.Unchanged, null, []);
                continue;
            }
            var profile = PersonRecords.Profile(person);
            var plan = _ledger.PlanMember(profile, now);
            // Within one batch the household's region and size include the registrations before this one.
            var refusal = plan.Refusal
                ?? (!known && region.Length > 0 && person.RegionCode != region
                    ? new LedgerRefusal(RefusalKind.Conflict, "household_id", HouseholdLedger.AnotherRegion) : null)
                ?? (!known && members >= HouseholdLedger.MembersMax ? new LedgerRefusal(RefusalKind.Conflict, "household_id",
                    $"the household already has {HouseholdLedger.MembersMax} members") : null);
            if (refusal is not null)
            {
                outcomes[i] = RegistrationOutcome.Rejected(person.PsnNo, Rejections.Of(refusal));
            }
            else if (plan.NeedsHistory is not null)
            {
                deferred.Add(i);
            }
            else
            {
                region = region.Length == 0 ? person.RegionCode : region;
                members += known ? 0 : 1;
                batch.Add((i, person, digest, profile, plan.Entries));
            }
        }
        if (batch.Count > 0)
        {
            var outcome = await Commit(new JournalAppend([.. batch.SelectMany(item => item.Entries)],
                [.. batch.Select(item => new PersonWrite(item.Person, HouseholdId))]));
            foreach (var (index, person, digest, profile, _) in batch)
            {
                var refused = outcome.PersonsRefused.Contains(person.PsnNo);
                outcomes[index] = new RegistrationOutcome(person.PsnNo, refused ? RegistrationStatus.Elsewhere : RegistrationStatus.Registered, null, []);
                if (!refused)
                {
                    _ledger.Admit(profile);
                    _registered[person.PsnNo] = digest;
                }
            }
            Fold(outcome.Committed);
        }
        foreach (var index in deferred)
        {
            outcomes[index] = await Reregister(persons[index], now);
        }
        return outcomes;
    }

    /// <summary>An identity or residence change that re-adjudicates recorded settlements.</summary>
    private async Task<RegistrationOutcome> Reregister(PersonRecord person, DateTimeOffset now)
    {
        var profile = PersonRecords.Profile(person);
        var plan = await _ledger.PlanMemberAsync(profile, Policies, History, now);
        if (plan.Refusal is { } refusal)
        {
            return RegistrationOutcome.Rejected(person.PsnNo, Rejections.Of(refusal));
        }
        var outcome = await Commit(new JournalAppend(plan.Entries, [new PersonWrite(person, HouseholdId)]));
        if (outcome.PersonsRefused.Contains(person.PsnNo))
        {
            return new RegistrationOutcome(person.PsnNo, RegistrationStatus.Elsewhere, null, []);
        }
        _registered[person.PsnNo] = RegistrationDigest.Of(person);
        Fold(outcome.Committed, profile);
        return new RegistrationOutcome(person.PsnNo, RegistrationStatus.Registered, null,
            [.. outcome.Committed.Where(entry => entry.Kind == EntryKind.Adjusted).Select(EntryEvents.Adjustment)]);
    }

    public async Task Release(string psnNo)
    {
        if (!_ledger.Remove(psnNo))
        {
            return;
        }
        _registered.Remove(psnNo);
        await Rebuild();
        await _snapshotting;
        await WriteSnapshot();
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
    public async Task<RegistrationOutcome> Admit(PersonRecord person, string fromHouseholdId)
    {
        var profile = PersonRecords.Profile(person);
        var plan = _ledger.PlanMember(profile, clock.GetUtcNow());
        if (plan.Refusal is { } refusal)
        {
            return RegistrationOutcome.Rejected(person.PsnNo, Rejections.Of(refusal));
        }
        var outcome = await Commit(new JournalAppend(plan.Entries, [new PersonWrite(person, fromHouseholdId)]));
        if (outcome.PersonsRefused.Contains(person.PsnNo))
        {
            return new RegistrationOutcome(person.PsnNo, RegistrationStatus.Elsewhere, null, []);
        }
        _registered[person.PsnNo] = RegistrationDigest.Of(person);
        _ledger.Admit(profile);
        // The member's years come with its journal, written by the household it left.
        await Rebuild();
        await _snapshotting;
        await WriteSnapshot();
        return new RegistrationOutcome(person.PsnNo, RegistrationStatus.Registered, null, []);
    }
}

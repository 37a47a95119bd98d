using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Journal;
using Ledger.Grains.Persons;
using Ledger.Grains.Settlements;
using Ledger.Policy.Households;

namespace Ledger.Grains.Households;

/// <summary>One registration a plan writes: the person, the digest and profile it is kept by, its identity entries.</summary>
public sealed record PlannedRegistration(int Index, PersonRecord Person, RegistrationDigest Digest, MemberProfile Profile, IReadOnlyList<JournalEntry> Entries);

/// <summary>
/// How a household takes a roll of registrations, planned on its ledger before anything is written:
/// each person is unchanged, refused, deferred (its identities change recorded settlements, so it is
/// re-adjudicated on its own) or one of those written together in one append. Within a roll the
/// household's region and size include the registrations before each one. The household grain plans
/// its own; a roll plans a new household the same way on an empty ledger and writes it past the grain.
/// </summary>
public sealed class RegistrationPlan
{
    private RegistrationPlan(int count) => Outcomes = new RegistrationOutcome[count];

    /// <summary>One per person, in the roll's order; a written or deferred one is null until it is answered.</summary>
    public RegistrationOutcome[] Outcomes { get; }

    public List<PlannedRegistration> Written { get; } = [];

    public List<int> Deferred { get; } = [];

    public static RegistrationPlan Of(
        HouseholdLedger ledger, IReadOnlyDictionary<string, RegistrationDigest> registered, IReadOnlyList<PersonRecord> persons, DateTimeOffset now)
    {
        var plan = new RegistrationPlan(persons.Count);
        var region = ledger.RegionCode;
        var members = ledger.Members.Count;
        for (var i = 0; i < persons.Count; i++)
        {
            var person = persons[i];
            var digest = RegistrationDigest.Of(person);
            var known = registered.TryGetValue(person.PsnNo, out var stored);
            if (known && stored == digest)
            {
                plan.Outcomes[i] = new RegistrationOutcome(person.PsnNo, RegistrationStatus.Unchanged, null, []);
                continue;
            }
            var profile = PersonRecords.Profile(person);
            var member = ledger.PlanMember(profile, now);
            // The ledger judged the person against the household as it is; a new member is judged again
            // against the region and size the roll's earlier lines leave, by the ledger's own rule.
            var refusal = member.Refusal ?? (known ? null : HouseholdLedger.NewMemberRefusal(region, members, person.RegionCode));
            if (refusal is not null)
            {
                plan.Outcomes[i] = RegistrationOutcome.Rejected(person.PsnNo, Rejections.Of(refusal));
            }
            else if (member.NeedsHistory is not null)
            {
                plan.Deferred.Add(i);
            }
            else
            {
                region = region.Length == 0 ? person.RegionCode : region;
                members += known ? 0 : 1;
                plan.Written.Add(new PlannedRegistration(i, person, digest, profile, member.Entries));
            }
        }
        return plan;
    }

    /// <summary>The one append of the registrations written together.</summary>
    public JournalAppend Append(string householdId) =>
        new([.. Written.SelectMany(item => item.Entries)], [.. Written.Select(item => new PersonWrite(item.Person, householdId))]);

    /// <summary>
    /// Answers the registrations written together from what their append did: registered, or registered
    /// in another household (the person grain then moves it); the ones that stand are returned.
    /// </summary>
    public IReadOnlyList<PlannedRegistration> Answer(AppendOutcome outcome)
    {
        var standing = new List<PlannedRegistration>(Written.Count);
        foreach (var item in Written)
        {
            var refused = outcome.PersonsRefused.Contains(item.Person.PsnNo);
            Outcomes[item.Index] = new RegistrationOutcome(item.Person.PsnNo, refused ? RegistrationStatus.Elsewhere : RegistrationStatus.Registered, null, []);
            if (!refused)
            {
                standing.Add(item);
            }
        }
        return standing;
    }
}

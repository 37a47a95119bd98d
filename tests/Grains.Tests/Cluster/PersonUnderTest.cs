using Ledger.Contracts;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Journal;
using Ledger.Grains.Persons;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>A person as the HTTP API drives one: registered through its household, settled through its grain, read from its registration.</summary>
public sealed class PersonUnderTest(IGrainFactory grains, IJournal journal, string psnNo)
{
    public string PsnNo => psnNo;

    /// <summary>Validated first, as the API does: the household takes validated registrations only.</summary>
    public async Task<(PersonView? Person, Rejection? Error)> Register(PersonProfile profile)
    {
        if (ProfileValidation.Validate(profile) is { } invalid)
        {
            return (null, invalid);
        }
        var outcome = (await grains.Register([PersonRecords.Of(psnNo, PersonRecords.HouseholdOf(psnNo, profile), profile)]))[0];
        return outcome.Error is { } error ? (null, error) : (await Get(ClusterFixture.Now.Year), null);
    }

    public Task<SettlementResult> Settle(SettlementRequest settlement) => grains.Person(psnNo).Settle(settlement);

    public Task<SettlementResult> Reverse(string setlId) => grains.Person(psnNo).Reverse(setlId);

    public async Task<PersonView?> Get(int year)
    {
        if (await journal.FindPerson(psnNo) is not { } person)
        {
            return null;
        }
        var member = await grains.Household(person.HouseholdId).GetMember(psnNo, year);
        return new PersonView
        {
            PsnNo = psnNo, HouseholdId = person.HouseholdId, RegionCode = person.RegionCode, Residence = person.Residence,
            Insutype = person.Insutype, Identities = person.Identities, Year = year, Totals = member?.Totals ?? TotalsView.Empty,
            Thresholds = member?.Thresholds ?? [], PsnName = person.PsnNameMasked, Certno = person.CertnoMasked,
        };
    }
}

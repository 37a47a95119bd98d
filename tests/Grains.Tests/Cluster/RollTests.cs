using Ledger.Contracts;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Grains.Journal;
using Ledger.Grains.Persons;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// A roll of registrations writes new households straight to the journal; a household its grain holds
/// goes through the grain, so no grain ever keeps a member list a roll wrote behind it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_roll_writes_new_households_without_waking_them_and_their_first_settlement_finds_every_member()
    {
        var (household, other) = (Build.Id("H"), Build.Id("H"));
        var roll = new[] { Record(Build.Id("P"), household), Record(Build.Id("P"), household), Record(Build.Id("P"), other) };

        var outcomes = await Roll(roll);

        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Registered, RegistrationStatus.Registered], outcomes.Select(outcome => outcome.Status));
        var active = await fixture.Grains.GetGrain<IManagementGrain>(0).GetActiveGrains(GrainType.Create("household"));
        Assert.DoesNotContain(fixture.Grains.GetGrain<IHouseholdGrain>(household).GetGrainId(), active);
        Assert.Equal("recorded", (await fixture.Person(roll[1].PsnNo).Settle(Build.Inpatient(roll[1].PsnNo, 10_000m, 9_000m))).Status);
        var view = await fixture.Grains.Household(household).Get(ClusterFixture.Now.Year);
        Assert.Equal(roll[..2].Select(person => person.PsnNo).Order(StringComparer.Ordinal), view.Members.Select(member => member.PsnNo).Order(StringComparer.Ordinal));
        Assert.Equal(10_000m, view.Members.Single(member => member.PsnNo == roll[1].PsnNo).Totals.MedfeeSumamt);
    }

    [Fact]
    public async Task A_roll_into_a_household_whose_grain_is_awake_goes_through_the_grain()
    {
        var household = Build.Id("H");
        var psnNo = Build.Id("P");
        // Awake with nobody registered: the activation claimed the household.
        Assert.Null(await fixture.Grains.Household(household).GetMember(psnNo, ClusterFixture.Now.Year));

        var outcomes = await Roll([Record(psnNo, household)]);

        Assert.Equal(RegistrationStatus.Registered, outcomes[0].Status);
        Assert.NotNull(await fixture.Grains.Household(household).GetMember(psnNo, ClusterFixture.Now.Year));
    }

    [Fact]
    public async Task A_roll_refuses_what_the_household_would_refuse_and_resent_is_unchanged()
    {
        var household = Build.Id("H");
        var roll = new[] { Record(Build.Id("P"), household), Record(Build.Id("P"), household, regionCode: "440103") };

        var once = await Roll(roll);
        var twice = await Roll(roll);

        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Rejected], once.Select(outcome => outcome.Status));
        Assert.Equal("household_id", once[1].Error!.Field);
        Assert.Equal([RegistrationStatus.Unchanged, RegistrationStatus.Rejected], twice.Select(outcome => outcome.Status));
    }

    private Task<RegistrationOutcome[]> Roll(IReadOnlyList<PersonRecord> persons) =>
        fixture.Grains.Register(fixture.SiloService<IJournal>(), fixture.Time, persons);

    private static PersonRecord Record(string psnNo, string householdId, string regionCode = "350102") =>
        PersonRecords.Of(psnNo, householdId, Build.Person(householdId, regionCode, identities: "poverty_alleviated"));
}

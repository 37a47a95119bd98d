using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>What stays active: households hold the money and their members' profiles; persons are not woken by a registration.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_registration_wakes_the_household_and_not_the_person()
    {
        var psnNo = Build.Id("P");
        var householdId = Build.Id("H");
        var person = fixture.Person(psnNo);

        var registered = await person.Register(Build.Person(householdId));

        Assert.Equal(householdId, registered.Person!.HouseholdId);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        Assert.DoesNotContain(fixture.Grains.GetGrain<IPersonGrain>(psnNo).GetGrainId(), await management.GetActiveGrains(GrainType.Create("person")));
        Assert.Contains(fixture.Grains.GetGrain<IHouseholdGrain>(householdId).GetGrainId(), await management.GetActiveGrains(GrainType.Create("household")));
        // The registration is the household's record, read from the journal's registrations.
        Assert.Equal(householdId, (await person.Get(2022))!.HouseholdId);
    }
}

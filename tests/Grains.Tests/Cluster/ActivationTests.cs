using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>What stays active: households hold the money and the members' snapshots; persons do not linger.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_person_is_let_go_once_registered_and_its_household_stays()
    {
        var psnNo = Build.Id("P");
        var householdId = Build.Id("H");
        var person = fixture.Grains.GetGrain<IPersonGrain>(psnNo);

        var registered = await person.Register(Build.Person(householdId));

        Assert.Equal(householdId, registered.Person!.HouseholdId);
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await Poll.Until(async () => !(await management.GetActiveGrains(GrainType.Create("person"))).Contains(person.GetGrainId()),
            $"person {psnNo} deactivated after its registration");
        Assert.Contains(fixture.Grains.GetGrain<IHouseholdGrain>(householdId).GetGrainId(), await management.GetActiveGrains(GrainType.Create("household")));
        // Let go, not forgotten: the profile is read back from storage.
        Assert.Equal(householdId, (await person.Get(2022))!.HouseholdId);
    }
}

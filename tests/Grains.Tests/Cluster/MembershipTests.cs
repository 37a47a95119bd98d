using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class MembershipTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Person_moving_household_takes_the_ledger_along_and_can_still_be_reversed()
    {
        var psnNo = Build.Id("P");
        var (from, to) = (Build.Id("H"), Build.Id("H"));
        var person = fixture.Person(psnNo);
        await person.Register(Build.Person(from));
        var stayer = Build.Id("P");
        await fixture.Person(stayer).Register(Build.Person(from));
        var settlement = Build.Inpatient(psnNo, 12_000m, 10_000m);
        await person.Settle(settlement);
        await fixture.Person(stayer).Settle(Build.Inpatient(stayer, 1_000m, 1_000m));

        var moved = await person.Register(Build.Person(to));

        Assert.Null(moved.Error);
        Assert.Equal(to, moved.Person!.HouseholdId);
        Assert.Equal(5_700m, moved.Person.Totals.PsnPartAmt);
        var left = await fixture.Grains.GetGrain<IHouseholdGrain>(from).Get(2022);
        var joined = await fixture.Grains.GetGrain<IHouseholdGrain>(to).Get(2022);
        Assert.Equal([stayer], left.Members.Select(m => m.PsnNo));
        Assert.Equal((1_000m, 1), (left.Totals.MedfeeSumamt, left.Totals.SettlementCount));
        Assert.Equal((12_000m, 6_300m, 5_700m, 1), (joined.Totals.MedfeeSumamt, joined.Totals.HifpPay, joined.Totals.PsnPartAmt, joined.Totals.SettlementCount));

        var reversed = await person.Reverse(settlement.SetlId);

        Assert.Equal(SettlementStatus.Reversed, reversed.Status);
        Assert.Equal(0, (await fixture.Grains.GetGrain<IHouseholdGrain>(to).Get(2022)).Totals.SettlementCount);
        Assert.Equal(SettlementStatus.Duplicate, (await person.Settle(settlement)).Status);
    }

    [Fact]
    public async Task Person_view_masks_name_and_certno()
    {
        var psnNo = Build.Id("P");
        var registered = await fixture.Person(psnNo).Register(Build.Person(Build.Id("H")));

        Assert.Equal(("张**", "350102********1234"), (registered.Person!.PsnName, registered.Person.Certno));
    }

    [Fact]
    public async Task Person_without_household_is_a_household_of_one()
    {
        var psnNo = Build.Id("P");
        var registered = await fixture.Person(psnNo).Register(Build.Person(""));

        Assert.Equal("solo-" + psnNo, registered.Person!.HouseholdId);
    }
}

using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class HouseholdCapTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Two_members_share_the_household_cap_and_the_warm_fund_pays_the_excess()
    {
        // Jinhua (3307): dibao members; individual cap 30 000, household cap 50 000 (002 二(四)11).
        var householdId = Build.Id("H");
        var (first, second) = (Build.Id("P"), Build.Id("P"));
        foreach (var psnNo in new[] { first, second })
        {
            Assert.Null((await fixture.Person(psnNo).Register(Build.Person(householdId, "330702", identities: "dibao"))).Error);
        }

        // Out-of-scope bills: no tier pays, so each self-pay is the whole bill until a cap binds.
        var one = await fixture.Person(first).Settle(Build.Inpatient(first, 28_000m, 0m));
        var two = await fixture.Person(second).Settle(Build.Inpatient(second, 28_000m, 0m));

        Assert.Equal((0m, 28_000m), (one.Amounts!.WarmFundPay, one.Amounts.PsnPartAmt));
        // 28 000 + 28 000 = 56 000 > 50 000: the household cap binds first (each member is under 30 000).
        Assert.Equal((6_000m, 22_000m), (two.Amounts!.WarmFundPay, two.Amounts.PsnPartAmt));
        Assert.Equal(
            ["settlement_recorded", "cap_applied household_cap", "threshold_crossed high_cost_settlement",
             "threshold_warning household_cap", "threshold_crossed household_cap"],
            two.Events.Select(e => e.Rule is null ? e.Kind : $"{e.Kind} {e.Rule}"));
        var capApplied = two.Events.Single(e => e.Kind == "cap_applied");
        Assert.Equal(("household", householdId, 6_000m, 50_000m), (capApplied.SubjectType, capApplied.SubjectId, capApplied.Value, capApplied.Threshold));
        var household = await fixture.Grains.GetGrain<IHouseholdGrain>(householdId).Get(2022);
        Assert.Equal(new CapsView(30_000m, 50_000m, 50_000m, 0m), household.Caps);
        Assert.Equal((56_000m, 6_000m, 50_000m), (household.Totals.MedfeeSumamt, household.Totals.WarmFundPay, household.Totals.PsnPartAmt));

        // Any further bill of an eligible member is carried whole by the warm fund.
        var three = await fixture.Person(first).Settle(Build.Inpatient(first, 1_000m, 0m));
        Assert.Equal((1_000m, 0m), (three.Amounts!.WarmFundPay, three.Amounts.PsnPartAmt));
        Assert.Equal(SettlementStatus.Recorded, three.Status);
    }
}

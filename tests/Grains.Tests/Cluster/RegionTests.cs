using Ledger.Contracts.Persons;
using Ledger.Contracts.Regions;

namespace Ledger.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RegionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Region_grain_keeps_kpis_and_the_monitoring_list_from_batched_events()
    {
        var region = "35" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var psnNo = Build.Id("P");
        var householdId = Build.Id("H");
        var person = fixture.Person(psnNo);
        await person.Register(Build.Person(householdId, region, identities: "poverty_alleviated"));
        var settlement = Build.Inpatient(psnNo, 82_000m, 80_000m);
        await person.Settle(settlement);

        var grain = fixture.Grains.GetGrain<IRegionGrain>(IRegionGrain.Key(region, 2022));
        var kpis = await fixture.KpisOnceFed(grain, 1);
        var monitoring = await grain.GetMonitoring(null, 1, 50);

        // funds 55 300 + 2 622.30 = 57 922.30 of 82 000 → coverage 0.7064, burden 0.2936.
        Assert.Equal((1, 82_000m, 57_922.30m, 24_077.70m, 0.7064m, 0.2936m),
            (kpis.SettlementCount, kpis.MedfeeSumamt, kpis.FundPaySumamt, kpis.PsnPartAmt, kpis.CoverageRate, kpis.BurdenRate));
        Assert.Equal((1, 0, 0m), (kpis.HighCostPersons, kpis.HighCostCleared, kpis.HighCostClearanceRate));
        Assert.Equal(
            ["critical_deductible_met crossed", "high_cost_settlement crossed", "return_to_poverty_risk crossed"],
            monitoring.Items.Select(entry => $"{entry.Rule} {entry.Level}"));
        Assert.All(monitoring.Items, entry => Assert.Equal((psnNo, householdId), (entry.SubjectId, entry.HouseholdId)));

        await person.Reverse(settlement.SetlId);

        Assert.Equal(0m, (await fixture.KpisOnceFed(grain, 0)).MedfeeSumamt);
        Assert.Equal(0, (await grain.GetMonitoring(null, 1, 50)).TotalCount);
    }

    [Fact]
    public async Task Region_grain_counts_a_re_published_event_once()
    {
        var region = "35" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var psnNo = Build.Id("P");
        var person = fixture.Person(psnNo);
        await person.Register(Build.Person(Build.Id("H"), region, identities: "dibao"));
        var result = await person.Settle(Build.Inpatient(psnNo, 1_000m, 1_000m));
        var grain = fixture.Grains.GetGrain<IRegionGrain>(IRegionGrain.Key(region, 2022));
        await fixture.KpisOnceFed(grain, 1);

        await grain.Apply(result.Events);

        Assert.Equal((1, 1_000m), ((await grain.GetKpis()).SettlementCount, (await grain.GetKpis()).MedfeeSumamt));
    }
}

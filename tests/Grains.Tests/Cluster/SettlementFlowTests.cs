using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class SettlementFlowTests(ClusterFixture fixture)
{
    private async Task<(string PsnNo, string HouseholdId)> Register(params string[] identities)
    {
        var psnNo = Build.Id("P");
        var householdId = Build.Id("H");
        var registered = await fixture.Person(psnNo).Register(Build.Person(householdId, identities: identities));
        Assert.Null(registered.Error);
        return (psnNo, householdId);
    }

    [Fact]
    public async Task Settlement_through_person_updates_person_and_household_totals_and_returns_the_split()
    {
        var (psnNo, householdId) = await Register();
        var person = fixture.Person(psnNo);

        // Fujian, level 3: basic (10 000 − 1 000) × 70 % = 6 300; critical base 3 700 is under the deductible.
        var result = await person.Settle(Build.Inpatient(psnNo, 12_000m, 10_000m));

        Assert.Equal(SettlementStatus.Recorded, result.Status);
        Assert.Equal("fujian-2022", result.PolicyId);
        Assert.Equal(2022, result.Year);
        Assert.Equal(new SplitAmounts(12_000m, 10_000m, 6_300m, 0m, 0m, 0m, 0m, 0m, 5_700m), result.Amounts);
        Assert.Equal(["settlement_recorded"], result.Events.Select(e => e.Kind));
        var expected = new TotalsView
        {
            MedfeeSumamt = 12_000m, InscpScpAmt = 10_000m, HifpPay = 6_300m, FundPaySumamt = 6_300m, PsnPartAmt = 5_700m, SettlementCount = 1,
        };
        Assert.Equal(expected, (await person.Get(2022))!.Totals);
        var household = await fixture.Grains.GetGrain<IHouseholdGrain>(householdId).Get(2022);
        Assert.Equal(expected, household.Totals);
        Assert.Equal(expected, Assert.Single(household.Members).Totals);
    }

    [Fact]
    public async Task Duplicate_setl_id_returns_the_first_answer_without_events_and_changes_nothing()
    {
        var (psnNo, householdId) = await Register();
        var person = fixture.Person(psnNo);
        var settlement = Build.Inpatient(psnNo, 12_000m, 10_000m);
        var first = await person.Settle(settlement);

        var retry = await person.Settle(settlement with { MedfeeSumamt = 99_999m, InscpScpAmt = 99_999m, FulamtOwnpayAmt = 0m });

        Assert.Equal(SettlementStatus.Duplicate, retry.Status);
        Assert.Equal(first.Amounts, retry.Amounts);
        Assert.Empty(retry.Events);
        var household = await fixture.Grains.GetGrain<IHouseholdGrain>(householdId).Get(2022);
        Assert.Equal(1, household.Totals.SettlementCount);
        Assert.Equal(12_000m, household.Totals.MedfeeSumamt);
    }

    [Fact]
    public async Task Reversal_restores_every_total_and_clears_the_thresholds_it_had_crossed()
    {
        var (psnNo, householdId) = await Register("poverty_alleviated");
        var person = fixture.Person(psnNo);
        var settlement = Build.Inpatient(psnNo, 82_000m, 80_000m);
        var recorded = await person.Settle(settlement);
        Assert.Equal(24_077.70m, recorded.Amounts!.PsnPartAmt);

        var reversed = await person.Reverse(settlement.SetlId);

        Assert.Equal(SettlementStatus.Reversed, reversed.Status);
        Assert.Equal(
            ["settlement_reversed", "threshold_cleared return_to_poverty_risk crossed", "threshold_cleared return_to_poverty_risk warning",
             "threshold_cleared high_cost_settlement crossed", "threshold_cleared critical_deductible_met crossed"],
            reversed.Events.Select(e => e.Rule is null ? e.Kind : $"{e.Kind} {e.Rule} {e.Level}"));
        var household = await fixture.Grains.GetGrain<IHouseholdGrain>(householdId).Get(2022);
        Assert.Equal(TotalsView.Empty with { SettlementCount = 0 }, household.Totals);
        Assert.Empty(household.Members[0].Thresholds);
        Assert.Equal(SettlementStatus.Duplicate, (await person.Reverse(settlement.SetlId)).Status);
    }

    [Fact]
    public async Task Crossing_emits_warning_then_crossed_in_the_settlement_answer()
    {
        var (psnNo, _) = await Register("poverty_alleviated");

        // basic 79 000 × 70 % = 55 300; critical 60 % × (24 700 − 20 329.50) = 2 622.30;
        // self-pay 82 000 − 55 300 − 2 622.30 = 24 077.70 ≥ rural income 23 229 and ≥ high-cost 20 000.
        var result = await fixture.Person(psnNo).Settle(Build.Inpatient(psnNo, 82_000m, 80_000m));

        Assert.Equal(
            ["settlement_recorded", "threshold_warning return_to_poverty_risk", "threshold_crossed return_to_poverty_risk",
             "threshold_crossed high_cost_settlement", "threshold_crossed critical_deductible_met"],
            result.Events.Select(e => e.Rule is null ? e.Kind : $"{e.Kind} {e.Rule}"));
        var crossed = result.Events.Single(e => e.Kind == "threshold_crossed" && e.Rule == "return_to_poverty_risk");
        Assert.Equal((24_077.70m, 23_229m, psnNo, "person"), (crossed.Value, crossed.Threshold, crossed.SubjectId, crossed.SubjectType));
    }
}

using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RejectionTests(ClusterFixture fixture)
{
    public static TheoryData<string, string, RejectionCode> BadSettlements => new()
    {
        { "negative", "medfee_sumamt", RejectionCode.Invalid },
        { "scope-above-total", "inscp_scp_amt", RejectionCode.Invalid },
        { "three-decimals", "inscp_scp_amt", RejectionCode.Invalid },
        { "unknown-med-type", "med_type", RejectionCode.Invalid },
        { "level-4", "hosp_lv", RejectionCode.Invalid },
        { "before-2015", "setl_time", RejectionCode.Invalid },
        { "future", "setl_time", RejectionCode.Invalid },
        { "before-policy", "setl_time", RejectionCode.NoPolicy },
    };

    [Theory]
    [MemberData(nameof(BadSettlements))]
    public async Task Bad_settlement_is_a_typed_rejection_naming_the_field_and_leaves_state_unchanged(string bad, string field, RejectionCode code)
    {
        var (person, psnNo, householdId) = await RegisteredWithOneSettlement();
        var good = Build.Inpatient(psnNo, 1_000m, 800m);
        var settlement = bad switch
        {
            "negative" => good with { MedfeeSumamt = -1m },
            "scope-above-total" => good with { InscpScpAmt = 1_200m, FulamtOwnpayAmt = 0m },
            "three-decimals" => good with { InscpScpAmt = 800.001m, FulamtOwnpayAmt = 199.999m },
            "unknown-med-type" => good with { MedType = "99" },
            "level-4" => good with { HospLv = 4 },
            "before-2015" => good with { SetlTime = new DateTimeOffset(2014, 12, 31, 0, 0, 0, TimeSpan.FromHours(8)) },
            "future" => good with { SetlTime = ClusterFixture.Now.AddDays(3) },
            _ => good with { SetlTime = new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.FromHours(8)) },
        };
        var before = await fixture.Grains.GetGrain<IHouseholdGrain>(householdId).Get(2022);

        var result = await person.Settle(settlement);

        Assert.Equal(SettlementStatus.Rejected, result.Status);
        Assert.Equal((code, field), (result.Error!.Code, result.Error.Field));
        Assert.Empty(result.Events);
        var after = await fixture.Grains.GetGrain<IHouseholdGrain>(householdId).Get(2022);
        Assert.Equal(before.Totals, after.Totals);
        Assert.Equal(SettlementStatus.Recorded, (await person.Settle(good with { SetlId = settlement.SetlId })).Status);
    }

    [Fact]
    public async Task Unknown_identity_is_refused_at_registration_and_nothing_is_stored()
    {
        var psnNo = Build.Id("P");
        var person = fixture.Person(psnNo);

        var result = await person.Register(Build.Person(Build.Id("H"), identities: "lucky_winner"));

        Assert.Equal((RejectionCode.Invalid, "identities[0].type"), (result.Error!.Code, result.Error.Field));
        Assert.Null(await person.Get(2022));
    }

    [Fact]
    public async Task Region_without_policy_is_a_no_policy_rejection()
    {
        var psnNo = Build.Id("P");
        var person = fixture.Person(psnNo);
        await person.Register(Build.Person(Build.Id("H"), regionCode: "440103"));

        var result = await person.Settle(Build.Inpatient(psnNo, 1_000m, 800m));

        Assert.Equal((RejectionCode.NoPolicy, "setl_time"), (result.Error!.Code, result.Error.Field));
    }

    [Fact]
    public async Task Unregistered_person_is_not_found()
    {
        var psnNo = Build.Id("P");

        var result = await fixture.Person(psnNo).Settle(Build.Inpatient(psnNo, 1_000m, 800m));

        Assert.Equal((RejectionCode.NotFound, "psn_no"), (result.Error!.Code, result.Error.Field));
    }

    private async Task<(PersonUnderTest Person, string PsnNo, string HouseholdId)> RegisteredWithOneSettlement()
    {
        var psnNo = Build.Id("P");
        var householdId = Build.Id("H");
        var person = fixture.Person(psnNo);
        await person.Register(Build.Person(householdId));
        await person.Settle(Build.Inpatient(psnNo, 12_000m, 10_000m));
        return (person, psnNo, householdId);
    }
}

using System.Net;
using System.Text.Json;

namespace Ledger.Api.Tests;

/// <summary>
/// The settlement fields beyond API v1 (README "Settlement fields"): where the hospital is
/// (<c>mdtrtarea_admvs</c>), a referral (<c>refl_setl_flag</c>) and what others paid (<c>oth_pay</c>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SettlementFieldsApiTests(LedgerApiFactory factory)
{
    private const string Dibao = """{"type":"dibao","begin":"2021-01-01"}""";

    private readonly HttpClient _feed = factory.Client(LedgerApiFactory.FeedKey);

    private async Task<string> Registered(string identities, string region = "350102")
    {
        var psnNo = Wire.Id("P");
        var response = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), identities, region)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return psnNo;
    }

    [Fact]
    public async Task A_referred_admission_inside_Fujian_continues_the_deductible_already_paid()
    {
        // Fujian, rural dibao, level 3, total = scope 10 000 each (000 二(三)16 住院起付线连续计算).
        // 1 referred, the year's first stay: nothing paid before, the whole 1 000 deductible: basic
        //   9 000 × 70 % = 6 300; assistance 70 % × 3 700 = 2 590; self-pay 1 110.
        // 2 referred again inside the province: the 1 000 already paid covers the level-3 deductible:
        //   basic 10 000 × 70 % = 7 000; assistance 70 % × 3 000 = 2 100; self-pay 900.
        // 3 referred, treated outside the province: the rule does not reach it, the deductible applies: 6 300.
        var psnNo = await Registered(Dibao);

        var first = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(
            Wire.Settlement(Wire.Id("S"), psnNo, 10_000m, 10_000m, ""","refl_setl_flag":"1","mdtrtarea_admvs":"350102" """, "2022-03-01T10:00:00"))));
        var inside = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(
            Wire.Settlement(Wire.Id("S"), psnNo, 10_000m, 10_000m, ""","refl_setl_flag":"1","mdtrtarea_admvs":"350102" """, "2022-03-05T10:00:00"))));
        var outside = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(
            Wire.Settlement(Wire.Id("S"), psnNo, 10_000m, 10_000m, ""","refl_setl_flag":"1","mdtrtarea_admvs":"110105" """, "2022-03-09T10:00:00"))));

        Assert.Equal((6_300m, 2_590m, 1_110m), (first.GetProperty("hifp_pay").GetDecimal(), first.GetProperty("maf_pay").GetDecimal(), first.GetProperty("psn_part_amt").GetDecimal()));
        Assert.Equal((7_000m, 2_100m, 900m), (inside.GetProperty("hifp_pay").GetDecimal(), inside.GetProperty("maf_pay").GetDecimal(), inside.GetProperty("psn_part_amt").GetDecimal()));
        Assert.Equal(6_300m, outside.GetProperty("hifp_pay").GetDecimal());
    }

    [Fact]
    public async Task What_others_paid_is_recorded_before_the_warm_fund()
    {
        // Jinhua, dibao, level 3, total 50 000, scope 20 000, oth_pay 5 000: basic 19 000 × 65 % = 12 350;
        // critical base 7 650, 150 above the tilted 7 500: × 65 % = 97.50; assistance 70 % × 7 552.50 = 5 286.75;
        // others 5 000 (supplementary_pay); left 50 000 − 12 350 − 97.50 − 5 286.75 − 5 000 = 27 265.75, under
        // the 30 000 individual cap: no warm fund.
        var psnNo = await Registered(Dibao, "330702");

        var body = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(
            Wire.Settlement(Wire.Id("S"), psnNo, 50_000m, 20_000m, ""","oth_pay":5000"""))));

        Assert.Equal((12_350m, 97.50m, 5_286.75m, 5_000m, 0m, 27_265.75m),
            (body.GetProperty("hifp_pay").GetDecimal(), body.GetProperty("hifmi_pay").GetDecimal(), body.GetProperty("maf_pay").GetDecimal(),
             body.GetProperty("supplementary_pay").GetDecimal(), body.GetProperty("warm_fund_pay").GetDecimal(), body.GetProperty("psn_part_amt").GetDecimal()));
    }

    [Fact]
    public async Task An_oth_pay_above_what_the_tiers_leave_is_refused_and_nothing_is_recorded()
    {
        // Jinhua, no identity, level 1, total = scope 10 000: basic (10 000 − 300) × 85 % = 8 245; critical base
        // 1 755 < 15 000; 1 755 left, so a reported oth_pay of 10 000 cannot have been paid on this bill.
        var psnNo = await Registered("", "330702");
        var setlId = Wire.Id("S");
        string Settlement(string otherPaid) => Wire.Settlement(setlId, psnNo, 10_000m, 10_000m, $$""","oth_pay":{{otherPaid}}""")
            .Replace("\"hosp_lv\":3", "\"hosp_lv\":1", StringComparison.Ordinal);

        var refused = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Settlement("10000")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = (await Wire.Body(refused)).GetProperty("errors").GetProperty("oth_pay")[0].GetString();
        Assert.Equal("10000.00 is more than the 1755.00 left of medfee_sumamt after the payments the ledger computes before it "
            + "(hifp_pay 8245.00, hifmi_pay 0.00, maf_pay 0.00)", problem);
        var person = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{psnNo}?year=2022"));
        Assert.Equal((0m, 0), (person.GetProperty("totals").GetProperty("medfee_sumamt").GetDecimal(), person.GetProperty("totals").GetProperty("settlement_count").GetInt32()));
        // The same setl_id with what was left is a first recording, not a duplicate of the refused one.
        var recorded = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Settlement("1755"))));
        Assert.Equal(("recorded", 8_245m, 1_755m, 0m), (recorded.GetProperty("status").GetString(), recorded.GetProperty("hifp_pay").GetDecimal(),
            recorded.GetProperty("supplementary_pay").GetDecimal(), recorded.GetProperty("psn_part_amt").GetDecimal()));
    }

    [Fact]
    public async Task A_late_settlement_that_leaves_less_for_a_recorded_oth_pay_books_what_is_left_and_says_how_much_was_not()
    {
        // Jinhua, no identity. June, level 1, total = scope 10 000: basic 8 245, critical base 1 755 < 15 000,
        // oth_pay 1 755 booked whole. Late March, level 3, total = scope 50 000: basic 49 000 × 65 % = 31 850; base
        // 18 150 → critical (18 150 − 15 000) × 60 % = 1 890. June again: base 18 150 + 1 755, all above the
        // deductible: critical 1 053; 702 left for oth_pay, 1 053 of it not booked.
        var psnNo = await Registered("", "330702");
        var june = Wire.Settlement(Wire.Id("S"), psnNo, 10_000m, 10_000m, ""","oth_pay":1755""")
            .Replace("\"hosp_lv\":3", "\"hosp_lv\":1", StringComparison.Ordinal).Replace("2022-03-01", "2022-06-01", StringComparison.Ordinal);
        Assert.Equal("recorded", (await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(june)))).GetProperty("status").GetString());

        var late = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 50_000m, 50_000m))));

        Assert.Equal(("recorded", 31_850m, 1_890m), (late.GetProperty("status").GetString(), late.GetProperty("hifp_pay").GetDecimal(), late.GetProperty("hifmi_pay").GetDecimal()));
        var adjustment = Assert.Single(late.GetProperty("adjustments").EnumerateArray());
        Assert.Equal((1_053m, -1_053m, 0m, 1_053m), (adjustment.GetProperty("change").GetProperty("hifmi_pay").GetDecimal(),
            adjustment.GetProperty("change").GetProperty("supplementary_pay").GetDecimal(), adjustment.GetProperty("change").GetProperty("psn_part_amt").GetDecimal(),
            adjustment.GetProperty("oth_pay_unbooked").GetDecimal()));
        var adjusted = Assert.Single(late.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "settlement_adjusted");
        Assert.Equal(1_053m, adjusted.GetProperty("oth_pay_unbooked").GetDecimal());
        var recorded = Assert.Single(late.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "settlement_recorded");
        Assert.Equal(JsonValueKind.Null, recorded.GetProperty("oth_pay_unbooked").ValueKind);
    }

    [Theory]
    [InlineData(""","refl_setl_flag":"yes" """, "refl_setl_flag")]
    [InlineData(""","mdtrtarea_admvs":"35" """, "mdtrtarea_admvs")]
    [InlineData(""","oth_pay":-1""", "oth_pay")]
    [InlineData(""","oth_pay":10001""", "oth_pay")]
    public async Task A_bad_new_field_is_a_problem_naming_it(string extra, string field)
    {
        var psnNo = await Registered(Dibao);

        var response = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 10_000m, 10_000m, extra)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Wire.Body(response)).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }
}

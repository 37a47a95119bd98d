using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using Ledger.Reliability.Tests.Feeds;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>The payers' shares of one settlement as the API answers them.</summary>
public sealed record ProbeSplit(decimal HifpPay, decimal HifmiPay, decimal MafPay, decimal FloorPay, decimal SupplementaryPay, decimal WarmFundPay, decimal PsnPartAmt)
{
    public static ProbeSplit Of(Split split) =>
        new(split.Basic, split.Critical, split.Assistance, split.Floor, split.Supplementary, split.WarmFund, split.SelfPay);
}

/// <summary>
/// One large inpatient claim of a poverty-alleviated rural person, each time for a new person in a
/// new household of the feed's region, so nothing of the year before it changes its split: the same
/// claim on the same day must split the same way under any catalogue that has the same values then.
/// </summary>
public static class RollOutProbe
{
    private const decimal Total = 120_000m;
    private const decimal Scope = 100_000m;

    public static string HouseholdOf(string tag) => $"HPROBE-{tag}";

    public static async Task<ProbeSplit> SettleAsync(Uri silo, string tag, DateOnly date)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.FeedKey);
        var psnNo = $"PROBE-{tag}";
        var person = $$"""
            {"region_code":"{{SyntheticFeed.Region}}","household_id":"{{HouseholdOf(tag)}}","residence":"rural","insutype":"resident",
             "identities":[{"type":"poverty_alleviated","begin":"2021-01-01","end":null}]}
            """;
        var registered = await http.PutAsync($"api/persons/{psnNo}", new StringContent(person, Encoding.UTF8, "application/json"));
        Assert.True(registered.IsSuccessStatusCode, $"probe {tag}: PUT person answered {(int)registered.StatusCode}");
        var settlement = $$"""
            {"setl_id":"SPROBE-{{tag}}","psn_no":"{{psnNo}}","setl_time":"{{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}}T10:00:00","med_type":"21","hosp_lv":3,
             "medfee_sumamt":{{Total}},"inscp_scp_amt":{{Scope}},"fulamt_ownpay_amt":{{Total - Scope}},"overlmt_selfpay":0,"preselfpay_amt":0}
            """;
        var answer = await http.PostAsync("api/settlements", new StringContent(settlement, Encoding.UTF8, "application/json"));
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.IsSuccessStatusCode && body.GetProperty("status").GetString() == "recorded", $"probe {tag}: {(int)answer.StatusCode} {body}");
        return new ProbeSplit(Amount(body, "hifp_pay"), Amount(body, "hifmi_pay"), Amount(body, "maf_pay"), Amount(body, "floor_pay"),
            Amount(body, "supplementary_pay"), Amount(body, "warm_fund_pay"), Amount(body, "psn_part_amt"));
    }

    /// <summary>What the engine computes for the probe under <paramref name="catalogue"/>, or null when no policy is in force.</summary>
    public static ProbeSplit? Expected(PolicyCatalogue catalogue, DateOnly date)
    {
        if (catalogue.Find(SyntheticFeed.Region, date) is not { } policy)
        {
            return null;
        }
        var claim = new Claim(date, MedicalType.Inpatient, 3, Total, Scope, Total - Scope, 0m, 0m, null, null, null);
        var person = new PersonYear();
        var household = new HouseholdYear();
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        return ProbeSplit.Of(SettlementEngine.Record(policy, claim, new MemberContext(Identities.PovertyAlleviated, Residence.Rural), ref person, ref household, changes, out _));
    }

    private static decimal Amount(JsonElement body, string name) => body.GetProperty(name).GetDecimal();
}

using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Api.Tests;

/// <summary>Request bodies in the wire contract's words, with ids unique per test.</summary>
internal static class Wire
{
    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static string Person(string householdId, string identities = "", string region = "350102") => $$"""
        {"region_code":"{{region}}","household_id":"{{householdId}}","residence":"rural","insutype":"resident",
         "identities":[{{identities}}],"psn_name":"张三丰","certno":"350102199001011234"}
        """;

    public const string PovertyAlleviated = """{"type":"poverty_alleviated","begin":"2021-01-01","end":null}""";

    public static string Settlement(string setlId, string psnNo, decimal total, decimal scope, string extra = "") => $$"""
        {"setl_id":"{{setlId}}","psn_no":"{{psnNo}}","setl_time":"2022-03-01T10:00:00","med_type":"21","hosp_lv":3,
         "medfee_sumamt":{{total}},"inscp_scp_amt":{{scope}},"fulamt_ownpay_amt":{{total - scope}},"overlmt_selfpay":0,"preselfpay_amt":0{{extra}}}
        """.ReplaceLineEndings("");

    public static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}

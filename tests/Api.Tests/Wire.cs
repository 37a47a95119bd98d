using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Api.Tests;

/// <summary>Request bodies in the wire contract's words, with ids unique per test.</summary>
internal static class Wire
{
    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private static int regionsHandedOut;

    /// <summary>
    /// A county code under <paramref name="prefix"/> (a province or a prefecture) that no other test of this
    /// run holds: region reads count everything filed under the code, so a test asserting its totals needs
    /// one of its own. Random codes collided (with each other and with fixed ones such as 330702); these
    /// are counted, and start above the fixed codes tests use (330702, 350102).
    /// </summary>
    public static string Region(string prefix)
    {
        var county = Interlocked.Increment(ref regionsHandedOut) + (prefix.Length == 4 ? 10 : 1000);
        var code = prefix + county.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return code.Length == 6 ? code : throw new InvalidOperationException($"No county code left under {prefix}: {code}");
    }

    public static string Person(string householdId, string identities = "", string region = "350102") => $$"""
        {"region_code":"{{region}}","household_id":"{{householdId}}","residence":"rural","insutype":"resident",
         "identities":[{{identities}}],"psn_name":"张三丰","certno":"350102199001011234"}
        """;

    public const string PovertyAlleviated = """{"type":"poverty_alleviated","begin":"2021-01-01","end":null}""";

    public static string Settlement(
        string setlId, string psnNo, decimal total, decimal scope, string extra = "", string setlTime = "2022-03-01T10:00:00") => $$"""
        {"setl_id":"{{setlId}}","psn_no":"{{psnNo}}","setl_time":"{{setlTime}}","med_type":"21","hosp_lv":3,
         "medfee_sumamt":{{total}},"inscp_scp_amt":{{scope}},"fulamt_ownpay_amt":{{total - scope}},"overlmt_selfpay":0,"preselfpay_amt":0{{extra}}}
        """.ReplaceLineEndings("");

    public static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}

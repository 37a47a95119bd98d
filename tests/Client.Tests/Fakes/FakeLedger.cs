using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Ledger.Client.Tests.Fakes;

/// <summary>
/// A fake of the ledger's batch endpoints with the real idempotency rule: the first time a setl_id is
/// seen it is "recorded", every later time "duplicate"; a person is "registered", then "unchanged".
/// Settlements whose medfee_sumamt is negative are "rejected" (400), as the real validation would.
/// </summary>
public sealed class FakeLedger
{
    private readonly ConcurrentDictionary<string, int> _seen = new();
    private readonly ConcurrentDictionary<string, int> _registered = new();

    public IReadOnlyDictionary<string, int> TimesSeen => _seen;

    public IReadOnlyDictionary<string, int> TimesRegistered => _registered;

    /// <summary>Applies a batch and writes the NDJSON answer, one result per line in order.</summary>
    public string Apply(string body)
    {
        var answer = new StringBuilder();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            if (!document.RootElement.TryGetProperty("setl_id", out var setlId))
            {
                var psnNo = document.RootElement.GetProperty("psn_no").GetString()!;
                var registrations = _registered.AddOrUpdate(psnNo, 1, (_, count) => count + 1);
                answer.Append($$"""{"psn_no":"{{psnNo}}","status":"{{(registrations == 1 ? "registered" : "unchanged")}}"}""").Append('\n');
                continue;
            }
            var id = setlId.GetString()!;
            if (document.RootElement.GetProperty("medfee_sumamt").GetDecimal() < 0)
            {
                answer.Append($$$$"""{"setl_id":"{{{{id}}}}","status":"rejected","error":{"title":"Invalid","status":400,"errors":{"medfee_sumamt":["must not be negative"]}}}""").Append('\n');
                continue;
            }
            var times = _seen.AddOrUpdate(id, 1, (_, count) => count + 1);
            answer.Append($$"""{"setl_id":"{{id}}","status":"{{(times == 1 ? "recorded" : "duplicate")}}","events":[]}""").Append('\n');
        }
        return answer.ToString();
    }

    public HttpResponseMessage Answer(string body) =>
        FakeHandler.Text(HttpStatusCode.OK, Apply(body), "application/x-ndjson");

    public static IReadOnlyList<string> Lines(int count, int start = 1) =>
        Enumerable.Range(start, count)
            .Select(i => $$"""{"setl_id":"S-{{i}}","psn_no":"P-{{i % 7}}","setl_time":"2022-03-01T10:00:00","med_type":"11","hosp_lv":1,"medfee_sumamt":{{i}}.50,"inscp_scp_amt":{{i}}.50,"fulamt_ownpay_amt":0,"overlmt_selfpay":0,"preselfpay_amt":0}""")
            .ToList();
}

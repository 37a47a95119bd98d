using System.Globalization;
using System.Net;
using System.Text.Json;
using Ledger.Silo.Projections;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>
/// A move between households is re-adjudicated at the move, in the household joined and in the one left,
/// cause member_moved with the mover's psn_no, and listed in the PUT's answer; later unrelated events of
/// either household then re-adjudicate nothing on the move's account. Jinhua: household cap 50 000, the
/// warm fund pays above it. Every bill of 28 000 is out of scope (self-pay 28 000); the outpatient bill of
/// 100 is in scope (self-pay 50).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MoveReadjudicationApiTests(LedgerApiFactory factory)
{
    private const string Dibao = """{"type":"dibao","begin":"2022-01-01","end":null}""";

    private readonly HttpClient _feed = factory.Client(LedgerApiFactory.FeedKey);
    private readonly HttpClient _operator = factory.Client(LedgerApiFactory.OperatorKey);

    /// <summary>
    /// C's household (Feb 50 + Apr 28 000 self-pay) is under the cap until A joins with its March 28 000:
    /// 56 050 − 50 000 = 6 050 from the warm fund on C's April, at the move. Reversing C's February then
    /// takes 50 back (reversal), exactly as in a household A had been in from the start.
    /// </summary>
    [Fact]
    public async Task The_household_joined_is_re_adjudicated_at_the_move_and_a_later_reversal_counts_as_if_the_mover_had_always_been_there()
    {
        var moved = await Run(moveIn: true);
        var together = await Run(moveIn: false);

        Assert.Equal([("april", "member_moved", "A", 6_050m, -6_050m)], moved.AtMove);
        Assert.Equal([("april", "reversal", "feb", -50m, 50m)], moved.AtReversal);
        Assert.Equal(together.AtReversal, moved.AtReversal);
        Assert.Equal((6_000m, together.WarmFund), (moved.WarmFund, 6_000m));
    }

    /// <summary>
    /// A and B in H1: B's April binds the household cap (56 000 − 50 000 = 6 000 from the warm fund). A
    /// moves out: B's April gives the 6 000 back at the move (the Jinhua golden case's re-binding, caused by
    /// the move). Reversing A's March in the household it joined, and a late bill of B, adjust nothing.
    /// </summary>
    [Fact]
    public async Task The_household_left_is_re_adjudicated_at_the_move_and_later_events_adjust_nothing()
    {
        var region = Wire.Region("3307");
        var (left, joined) = (Wire.Id("H"), Wire.Id("H"));
        var (a, b) = (Wire.Id("P"), Wire.Id("P"));
        await Put(a, Wire.Person(left, Dibao, region));
        await Put(b, Wire.Person(left, Dibao, region));
        var (march, april, feb) = (Wire.Id("S"), Wire.Id("S"), Wire.Id("S"));
        Assert.Equal(0m, await WarmFund(Settle(march, a, 28_000m, "2022-03-01T10:00:00")));
        Assert.Equal(6_000m, await WarmFund(Settle(april, b, 28_000m, "2022-04-01T10:00:00")));

        var answer = await Put(a, Wire.Person(joined, Dibao, region));

        Assert.Equal([(april, "member_moved", a, -6_000m, 6_000m)], Adjustments(answer));
        Assert.Equal(0m, await HouseholdWarmFund(left));
        var reversal = await Wire.Body(await _feed.PostAsync($"/api/settlements/{march}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{a}}"}""")));
        Assert.Equal(("reversed", 0), (reversal.GetProperty("status").GetString(), reversal.GetProperty("adjustments").GetArrayLength()));
        var late = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Settle(feb, b, 100m, "2022-02-01T10:00:00"))));
        Assert.Equal(("recorded", 0), (late.GetProperty("status").GetString(), late.GetProperty("adjustments").GetArrayLength()));
        Assert.Equal((0m, 0m), (await HouseholdWarmFund(left), await HouseholdWarmFund(joined)));
        var history = await Wire.Body(await _operator.GetAsync($"/api/households/{left}/settlements?year=2022"));
        var adjusted = Assert.Single(history.GetProperty("items").EnumerateArray(), item => item.GetProperty("kind").GetString() == "adjusted");
        Assert.Equal((april, "member_moved", a), (adjusted.GetProperty("setl_id").GetString(), adjusted.GetProperty("cause").GetString(),
            adjusted.GetProperty("cause_id").GetString()));
        // The assistance office's report of the month the move was journaled lists it with its cause.
        await factory.Services.GetRequiredService<Projector>().CatchUp();
        var month = adjusted.GetProperty("logged_at").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var report = await _operator.GetStringAsync($"/api/regions/{region}/reports/adjustments?month={month}");
        var row = Assert.Single(report.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), line => line.Contains(april, StringComparison.Ordinal));
        Assert.Contains($"\"member_moved\",\"{a}\",", row, StringComparison.Ordinal);
        Assert.Contains("\"-6000.00\",\"-6000.00\",\"6000.00\"", row, StringComparison.Ordinal);
    }

    private sealed record Outcome(
        List<(string, string, string, decimal, decimal)> AtMove, List<(string, string, string, decimal, decimal)> AtReversal, decimal WarmFund);

    /// <summary>C in H2 with February's 100 and April's 28 000, A's March 28 000 in H1 then moved in, or in H2 from the start.</summary>
    private async Task<Outcome> Run(bool moveIn)
    {
        var region = Wire.Region("3307");
        var (h1, h2) = (Wire.Id("H"), Wire.Id("H"));
        var (a, c) = (Wire.Id("P"), Wire.Id("P"));
        await Put(a, Wire.Person(moveIn ? h1 : h2, Dibao, region));
        await Put(c, Wire.Person(h2, Dibao, region));
        var (feb, march, april) = (Wire.Id("S"), Wire.Id("S"), Wire.Id("S"));
        var names = new Dictionary<string, string> { [feb] = "feb", [march] = "march", [april] = "april", [a] = "A", [c] = "C" };
        Assert.Equal(0m, await WarmFund(Settle(feb, c, 100m, "2022-02-01T10:00:00")));
        Assert.Equal(0m, await WarmFund(Settle(march, a, 28_000m, "2022-03-01T10:00:00")));
        Assert.Equal(moveIn ? 0m : 6_050m, await WarmFund(Settle(april, c, 28_000m, "2022-04-01T10:00:00")));
        var atMove = moveIn ? Named(Adjustments(await Put(a, Wire.Person(h2, Dibao, region))), names) : [];
        Assert.Equal(6_050m, await HouseholdWarmFund(h2));

        var reversal = await _feed.PostAsync($"/api/settlements/{feb}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{c}}"}"""));

        Assert.Equal(HttpStatusCode.OK, reversal.StatusCode);
        return new Outcome(atMove, Named(Adjustments(await Wire.Body(reversal)), names), await HouseholdWarmFund(h2));
    }

    private static List<(string SetlId, string Cause, string CauseId, decimal WarmFund, decimal SelfPay)> Adjustments(JsonElement answer) =>
        [.. answer.GetProperty("adjustments").EnumerateArray().Select(adjustment => (adjustment.GetProperty("setl_id").GetString()!,
            adjustment.GetProperty("cause").GetString()!, adjustment.GetProperty("cause_id").GetString()!,
            adjustment.GetProperty("change").GetProperty("warm_fund_pay").GetDecimal(), adjustment.GetProperty("change").GetProperty("psn_part_amt").GetDecimal()))];

    private static List<(string, string, string, decimal, decimal)> Named(
        List<(string SetlId, string Cause, string CauseId, decimal WarmFund, decimal SelfPay)> adjustments, Dictionary<string, string> names) =>
        [.. adjustments.Select(item => (names[item.SetlId], item.Cause, names[item.CauseId], item.WarmFund, item.SelfPay))];

    private async Task<decimal> WarmFund(string settlement)
    {
        var body = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(settlement)));
        Assert.True(body.GetProperty("status").GetString() == "recorded", body.ToString());
        return body.GetProperty("warm_fund_pay").GetDecimal();
    }

    private async Task<decimal> HouseholdWarmFund(string householdId) =>
        (await Wire.Body(await _operator.GetAsync($"/api/households/{householdId}?year=2022"))).GetProperty("totals").GetProperty("warm_fund_pay").GetDecimal();

    private async Task<JsonElement> Put(string psnNo, string person)
    {
        var answer = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(person));
        var body = await Wire.Body(answer);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>A bill of 28 000 is inpatient, all out of scope; one of 100 is outpatient, all in scope.</summary>
    private static string Settle(string setlId, string psnNo, decimal amount, string time) =>
        Wire.Settlement(setlId, psnNo, amount, amount > 1_000m ? 0m : amount).Replace("2022-03-01T10:00:00", time, StringComparison.Ordinal)
            .Replace("\"med_type\":\"21\"", $"\"med_type\":\"{(amount > 1_000m ? "21" : "11")}\"", StringComparison.Ordinal);
}

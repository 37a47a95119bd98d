using System.Net;
using System.Text.Json;

namespace Ledger.Api.Tests;

/// <summary>Views read a rule with the engine's own reading: the threshold a caseworker reads is the one the event carried.</summary>
[Collection(ApiCollection.Name)]
public sealed class RuleReadingsApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task A_dibao_members_view_shows_the_tilted_critical_deductible_that_her_event_carried()
    {
        // Fujian 2022, dibao until 2022-06-30, one level-3 stay on 2022-03-01, total = scope 40 000:
        // basic (40 000 − 1 000) × 70 % = 27 300; critical base 12 700 ≥ the tilted deductible
        // 40 659 × 50 % × 50 % = 10 164.75 (untilted 20 329.50), so critical_deductible_met crosses.
        // The view is read in 2026, after the identity ended: it must still show the threshold the
        // level fired on, not the year-end (untilted) one.
        var (psnNo, householdId) = (Wire.Id("P"), Wire.Id("H"));
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var registered = await feed.PutAsync($"/api/persons/{psnNo}",
            LedgerApiFactory.Json(Wire.Person(householdId, """{"type":"dibao","begin":"2021-01-01","end":"2022-06-30"}""")));
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var answer = await Wire.Body(await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 40_000m, 40_000m))));

        var fired = answer.GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "threshold_crossed" && e.GetProperty("rule").GetString() == "critical_deductible_met");
        Assert.Equal((12_700m, 10_164.75m), (fired.GetProperty("value").GetDecimal(), fired.GetProperty("threshold").GetDecimal()));

        var reader = factory.Client(LedgerApiFactory.OperatorKey);
        var person = await reader.GetAsync($"/api/persons/{psnNo}?year=2022");
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        Assert.Equal(("crossed", 12_700m, 10_164.75m), CriticalDeductible((await Wire.Body(person)).GetProperty("thresholds")));

        var household = await Wire.Body(await reader.GetAsync($"/api/households/{householdId}?year=2022"));
        var member = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("psn_no").GetString() == psnNo);
        Assert.Equal(("crossed", 12_700m, 10_164.75m), CriticalDeductible(member.GetProperty("thresholds")));
    }

    private static (string?, decimal, decimal) CriticalDeductible(JsonElement thresholds)
    {
        var reading = thresholds.EnumerateArray().Single(t => t.GetProperty("rule").GetString() == "critical_deductible_met");
        return (reading.GetProperty("level").GetString(), reading.GetProperty("value").GetDecimal(), reading.GetProperty("threshold").GetDecimal());
    }
}

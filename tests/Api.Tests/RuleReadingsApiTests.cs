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

    [Fact]
    public async Task In_a_household_of_two_each_member_keeps_the_threshold_her_own_level_was_reached_with()
    {
        // P-C1 as above: dibao until 2022-06-30, crosses the tilted deductible 10 164.75 on 2022-03-01
        // (critical base 12 700). Her housemate P-C2, without an identity, settles on 2022-09-01, after
        // the identity ended: P-C1's level still stands on the threshold it was reached with, in both
        // views and on the monitoring row, not the untilted 20 329.50 of the household's last date.
        var region = Wire.Region("35");
        var (dibao, housemate, householdId) = (Wire.Id("P"), Wire.Id("P"), Wire.Id("H"));
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        foreach (var (psnNo, identities) in new[] { (dibao, """{"type":"dibao","begin":"2021-01-01","end":"2022-06-30"}"""), (housemate, "") })
        {
            var registered = await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, identities, region)));
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        }
        var crossing = await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), dibao, 40_000m, 40_000m)));
        Assert.Equal(HttpStatusCode.OK, crossing.StatusCode);
        var later = Wire.Settlement(Wire.Id("S"), housemate, 1_000m, 1_000m).Replace("2022-03-01T10:00:00", "2022-09-01T10:00:00", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(later))).StatusCode);

        var reader = factory.Client(LedgerApiFactory.OperatorKey);
        var person = await Wire.Body(await reader.GetAsync($"/api/persons/{dibao}?year=2022"));
        Assert.Equal(("crossed", 12_700m, 10_164.75m), CriticalDeductible(person.GetProperty("thresholds")));
        var household = await Wire.Body(await reader.GetAsync($"/api/households/{householdId}?year=2022"));
        var member = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("psn_no").GetString() == dibao);
        Assert.Equal(("crossed", 12_700m, 10_164.75m), CriticalDeductible(member.GetProperty("thresholds")));
        JsonElement? row = null;
        await Poll.Until(async () =>
        {
            var page = await Wire.Body(await reader.GetAsync($"/api/regions/{region}/monitoring?year=2022&rule=critical_deductible_met"));
            row = page.GetProperty("items").EnumerateArray().Select(item => (JsonElement?)item).FirstOrDefault();
            return row is not null;
        }, $"the monitoring row of {dibao}'s critical deductible", 60_000, 50);
        Assert.Equal((dibao, 10_164.75m), (row!.Value.GetProperty("subject_id").GetString(), row.Value.GetProperty("threshold").GetDecimal()));
    }

    [Fact]
    public async Task A_high_cost_level_shows_the_self_pay_of_the_settlement_that_crossed_as_its_event_carried()
    {
        // Fujian 2022, no identity, one level-3 stay of 45 000 all outside the policy scope: self-pay 45 000 ≥
        // 20 000 crosses high_cost_settlement (the event's value is that settlement's self-pay). A later
        // stay of 1 000 does not change what the level stands on: the views show 45 000, not a count.
        var (psnNo, householdId) = (Wire.Id("P"), Wire.Id("H"));
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var registered = await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId)));
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var answer = await Wire.Body(await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 45_000m, 0m))));
        var later = Wire.Settlement(Wire.Id("S"), psnNo, 1_000m, 0m).Replace("2022-03-01T10:00:00", "2022-09-01T10:00:00", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(later))).StatusCode);

        var fired = answer.GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "threshold_crossed" && e.GetProperty("rule").GetString() == "high_cost_settlement");
        Assert.Equal((45_000m, 20_000m), (fired.GetProperty("value").GetDecimal(), fired.GetProperty("threshold").GetDecimal()));

        var reader = factory.Client(LedgerApiFactory.OperatorKey);
        var person = await Wire.Body(await reader.GetAsync($"/api/persons/{psnNo}?year=2022"));
        Assert.Equal(("crossed", 45_000m, 20_000m), HighCost(person.GetProperty("thresholds")));
        var household = await Wire.Body(await reader.GetAsync($"/api/households/{householdId}?year=2022"));
        var member = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("psn_no").GetString() == psnNo);
        Assert.Equal(("crossed", 45_000m, 20_000m), HighCost(member.GetProperty("thresholds")));
    }

    [Fact]
    public async Task A_high_cost_level_cleared_by_the_reversal_of_its_settlement_carries_the_self_pay_its_crossing_carried()
    {
        // As above: a stay of 45 000 outside the scope crosses high_cost_settlement at 45 000 against 20 000.
        // Its reversal clears the level; the year then counts no high-cost settlement, but the clearing names
        // the self-pay the crossing carried (45 000), not that count (0).
        var (psnNo, setlId) = (Wire.Id("P"), Wire.Id("S"));
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        Assert.Equal(HttpStatusCode.OK, (await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId, psnNo, 45_000m, 0m)))).StatusCode);

        var reversal = await feed.PostAsync($"/api/settlements/{setlId}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{psnNo}}"}"""));

        Assert.Equal(HttpStatusCode.OK, reversal.StatusCode);
        var cleared = (await Wire.Body(reversal)).GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "threshold_cleared" && e.GetProperty("rule").GetString() == "high_cost_settlement");
        Assert.Equal(("crossed", 45_000m, 20_000m, psnNo, "person"),
            (cleared.GetProperty("level").GetString(), cleared.GetProperty("value").GetDecimal(), cleared.GetProperty("threshold").GetDecimal(),
             cleared.GetProperty("subject_id").GetString(), cleared.GetProperty("subject_type").GetString()));
    }

    private static (string?, decimal, decimal) HighCost(JsonElement thresholds) => Reading(thresholds, "high_cost_settlement");

    private static (string?, decimal, decimal) CriticalDeductible(JsonElement thresholds) => Reading(thresholds, "critical_deductible_met");

    private static (string?, decimal, decimal) Reading(JsonElement thresholds, string rule)
    {
        var reading = thresholds.EnumerateArray().Single(t => t.GetProperty("rule").GetString() == rule);
        return (reading.GetProperty("level").GetString(), reading.GetProperty("value").GetDecimal(), reading.GetProperty("threshold").GetDecimal());
    }
}

using System.Net;
using Ledger.Contracts.Persons;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Ledger.Api.Tests.Security;

/// <summary>Region scopes: reads outside them answer 404 before any grain is asked, writes outside them 403.</summary>
[Collection(ApiCollection.Name)]
public sealed class ScopeTests(LedgerApiFactory factory)
{
    private readonly HttpClient _feed = factory.Client(LedgerApiFactory.FeedKey);

    [Fact]
    public async Task Cross_region_reads_are_impossible_by_any_route_and_look_like_missing_subjects()
    {
        var (psnNo, householdId) = (Wire.Id("P"), Wire.Id("H"));
        await Register(psnNo, householdId, "350202");
        await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 1_000m, 800m)));
        var outsider = factory.Client(LedgerApiFactory.Caseworker3501Key);
        var insider = factory.Client(LedgerApiFactory.Caseworker3502Key);
        string[] routes =
        [
            $"/api/persons/{psnNo}?year=2022", $"/api/households/{householdId}?year=2022",
            "/api/regions/3502/kpis?year=2022", "/api/regions/350202/monitoring?year=2022", "/api/regions/3502/reports/monthly?month=2022-03",
            "/api/events/stream?region=3502",
        ];

        foreach (var route in routes)
        {
            using var refused = await outsider.GetAsync(route, HttpCompletionOption.ResponseHeadersRead);
            using var answered = await insider.GetAsync(route, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal((route, HttpStatusCode.NotFound, HttpStatusCode.OK), (route, refused.StatusCode, answered.StatusCode));
        }
        // A wider prefix than a key's is outside it too.
        Assert.Equal(HttpStatusCode.NotFound, (await insider.GetAsync("/api/regions/35/kpis?year=2022")).StatusCode);
        // Outside the scope and not there at all answer alike: existence is not revealed.
        Assert.Equal(await Text(await outsider.GetAsync($"/api/persons/{Wire.Id("P")}")), await Text(await outsider.GetAsync($"/api/persons/{psnNo}")));
        Assert.Equal(await Text(await outsider.GetAsync($"/api/households/{Wire.Id("H")}")), await Text(await outsider.GetAsync($"/api/households/{householdId}")));
    }

    [Fact]
    public async Task A_read_outside_the_scope_activates_no_grain()
    {
        var psnNo = Wire.Id("P");
        await Register(psnNo, Wire.Id("H"), "350202");
        var management = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        // Registration lets the person grain go at once; wait until it has.
        await Poll.Until(async () => !await Active(management, psnNo), $"person grain {psnNo} to deactivate after its registration", 60_000, 50);

        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client(LedgerApiFactory.Caseworker3501Key).GetAsync($"/api/persons/{psnNo}")).StatusCode);

        Assert.False(await Active(management, psnNo));
    }

    [Fact]
    public async Task An_identity_feed_of_3501_cannot_touch_3502_nor_post_settlements()
    {
        var identity3501 = factory.Client(LedgerApiFactory.IdentityFeed3501Key);
        var (ours, theirs) = (Wire.Id("P"), Wire.Id("P"));
        await Register(theirs, Wire.Id("H"), "350202");

        Assert.Equal(HttpStatusCode.OK, (await identity3501.PutAsync($"/api/persons/{ours}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: "350102")))).StatusCode);
        var intoOther = await identity3501.PutAsync($"/api/persons/{Wire.Id("P")}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: "350202")));
        Assert.Equal(HttpStatusCode.Forbidden, intoOther.StatusCode);
        Assert.True((await Wire.Body(intoOther)).GetProperty("errors").TryGetProperty("region_code", out _));
        // Taking over a 3502 person by registering it as one of 3501's.
        var takeover = await identity3501.PutAsync($"/api/persons/{theirs}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), """{"type":"dibao","begin":"2021-01-01"}""", "350102")));
        Assert.Equal(HttpStatusCode.Forbidden, takeover.StatusCode);
        Assert.Equal("350202", (await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{theirs}"))).GetProperty("region_code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await identity3501.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), ours, 100m, 80m)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await identity3501.PostAsync($"/api/settlements/{Wire.Id("S")}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{ours}}"}"""))).StatusCode);
    }

    [Fact]
    public async Task An_identity_feed_cannot_tell_a_person_of_another_region_from_one_never_registered()
    {
        var identity3501 = factory.Client(LedgerApiFactory.IdentityFeed3501Key);
        var (elsewhere, nobody) = (Wire.Id("P"), Wire.Id("P"));
        await Register(elsewhere, Wire.Id("H"), "350202");
        var household = Wire.Id("H");

        // A body the endpoint refuses, and a region outside the key's: the same answer for both persons.
        foreach (var body in new[] { "{}", Wire.Person(household, region: "350202") })
        {
            var (foreign, unknown) = (await Text(await identity3501.PutAsync($"/api/persons/{elsewhere}", LedgerApiFactory.Json(body))),
                await Text(await identity3501.PutAsync($"/api/persons/{nobody}", LedgerApiFactory.Json(body))));
            Assert.Equal(unknown, foreign);
            Assert.StartsWith(body == "{}" ? "400 " : "403 ", foreign, StringComparison.Ordinal);
            var lines = (await Lines(identity3501, elsewhere, body), await Lines(identity3501, nobody, body));
            Assert.Equal(lines.Item2, lines.Item1);
        }
        // Moving a person of another region into the key's: refused, with just what a settlement feed hears of a person not its own.
        var move = await Text(await identity3501.PutAsync($"/api/persons/{elsewhere}", LedgerApiFactory.Json(Wire.Person(household))));
        var settlementAnswer = await Text(await factory.Client(LedgerApiFactory.SettlementFeed3501Key)
            .PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), Wire.Id("P"), 100m, 80m))));
        Assert.Equal(settlementAnswer, move);
        Assert.Contains("\"errors\":{\"psn_no\":[\"not a person of this key", move, StringComparison.Ordinal);
        Assert.Equal("350202", (await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{elsewhere}"))).GetProperty("region_code").GetString());
        var batchMove = await identity3501.PostAsync("/api/persons", LedgerApiFactory.Ndjson(Line(elsewhere, Wire.Person(household))));
        Assert.Equal(HttpStatusCode.Forbidden, batchMove.StatusCode);
        Assert.Contains("line 1: not a person of this key", await batchMove.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A one-line roll for <paramref name="psnNo"/>: status and body, the number itself left out.</summary>
    private static async Task<string> Lines(HttpClient client, string psnNo, string body)
    {
        using var answer = await client.PostAsync("/api/persons", LedgerApiFactory.Ndjson(Line(psnNo, body)));
        var text = (await answer.Content.ReadAsStringAsync()).Replace(psnNo, "P-?", StringComparison.Ordinal);
        return $"{(int)answer.StatusCode} {System.Text.RegularExpressions.Regex.Replace(text, "\"trace_?[iI]d\":\"[^\"]*\"", "")}";
    }

    private static string Line(string psnNo, string body)
    {
        var line = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        line["psn_no"] = psnNo;
        return line.ToJsonString();
    }

    [Fact]
    public async Task A_settlement_feed_of_3501_writes_its_persons_only_and_a_batch_with_another_is_refused_whole()
    {
        var settlement3501 = factory.Client(LedgerApiFactory.SettlementFeed3501Key);
        var (ours, theirs) = (Wire.Id("P"), Wire.Id("P"));
        await Register(ours, Wire.Id("H"), "350102");
        await Register(theirs, Wire.Id("H"), "350202");
        var (mine, other) = (Wire.Id("S"), Wire.Id("S"));

        Assert.Equal(HttpStatusCode.OK, (await settlement3501.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(mine, ours, 100m, 80m)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await settlement3501.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(other, theirs, 100m, 80m)))).StatusCode);
        var batch = await settlement3501.PostAsync("/api/settlements", LedgerApiFactory.Ndjson(Wire.Settlement(Wire.Id("S"), ours, 100m, 80m), Wire.Settlement(other, theirs, 100m, 80m)));
        Assert.Equal(HttpStatusCode.Forbidden, batch.StatusCode);
        Assert.Contains("line 2", await batch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await settlement3501.PostAsync($"/api/settlements/{other}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{theirs}}"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await settlement3501.PutAsync($"/api/persons/{Wire.Id("P")}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))))).StatusCode);
        var theirYear = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{theirs}?year=2022"));
        Assert.Equal(0, theirYear.GetProperty("totals").GetProperty("settlement_count").GetInt32());
    }

    private async Task Register(string psnNo, string householdId, string region) =>
        Assert.Equal(HttpStatusCode.OK, (await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, region: region)))).StatusCode);

    /// <summary>Status and body, less the trace id every answer has of its own.</summary>
    private static async Task<string> Text(HttpResponseMessage response)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("trace_id");
        body.Remove("traceId");
        return $"{(int)response.StatusCode} {body.ToJsonString()}";
    }

    private static async Task<bool> Active(IManagementGrain management, string psnNo)
    {
        var statistics = await management.GetDetailedGrainStatistics([typeof(Ledger.Grains.Persons.PersonGrain).FullName!]);
        return statistics.Any(grain => grain.GrainId.Key.ToString() == psnNo);
    }
}

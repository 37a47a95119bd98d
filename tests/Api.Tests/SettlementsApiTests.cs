using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class SettlementsApiTests(LedgerApiFactory factory)
{
    private readonly HttpClient _feed = factory.Client(LedgerApiFactory.FeedKey);

    private async Task<string> Registered(string identities = "")
    {
        var psnNo = Wire.Id("P");
        var response = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), identities)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return psnNo;
    }

    [Fact]
    public async Task Recorded_settlement_answers_the_split_in_national_field_names()
    {
        var psnNo = await Registered();
        var setlId = Wire.Id("S");

        var response = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId, psnNo, 12_000m, 10_000m)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Wire.Body(response);
        Assert.Equal(("recorded", "fujian-2022", 2022), (body.GetProperty("status").GetString(), body.GetProperty("policy_id").GetString(), body.GetProperty("year").GetInt32()));
        Assert.Equal((12_000m, 10_000m, 6_300m, 0m, 0m, 6_300m, 5_700m),
            (body.GetProperty("medfee_sumamt").GetDecimal(), body.GetProperty("inscp_scp_amt").GetDecimal(), body.GetProperty("hifp_pay").GetDecimal(),
             body.GetProperty("hifmi_pay").GetDecimal(), body.GetProperty("maf_pay").GetDecimal(), body.GetProperty("fund_pay_sumamt").GetDecimal(),
             body.GetProperty("psn_part_amt").GetDecimal()));
        Assert.Equal(["settlement_recorded"], body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_registered_persons_settlements_go_to_the_household_without_waking_the_person()
    {
        var psnNo = await Registered();
        var management = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var personGrain = GrainId.Create("person", psnNo);
        await Poll.Until(async () => !(await management.GetActiveGrains(GrainType.Create("person"))).Contains(personGrain),
            $"person {psnNo} deactivated after its registration", 60_000, 50);

        var response = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 1_000m, 1_000m)));

        Assert.Equal("recorded", (await Wire.Body(response)).GetProperty("status").GetString());
        Assert.DoesNotContain(personGrain, await management.GetActiveGrains(GrainType.Create("person")));
    }

    [Fact]
    public async Task Batch_answers_each_line_on_its_own_and_a_bad_middle_line_stops_nothing()
    {
        var psnNo = await Registered();
        var (first, bad, last) = (Wire.Id("S"), Wire.Id("S"), Wire.Id("S"));
        var lines = string.Join('\n', Wire.Settlement(first, psnNo, 1_000m, 1_000m), Wire.Settlement(bad, psnNo, -1m, 0m), Wire.Settlement(last, psnNo, 2_000m, 2_000m));

        var response = await _feed.PostAsync("/api/settlements", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([(first, "recorded"), (bad, "rejected"), (last, "recorded")], answers.Select(a => (a.GetProperty("setl_id").GetString(), a.GetProperty("status").GetString())));
        Assert.Equal(["must not be negative"], answers[1].GetProperty("error").GetProperty("errors").GetProperty("medfee_sumamt").EnumerateArray().Select(e => e.GetString()));
        var person = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{psnNo}?year=2022"));
        Assert.Equal((3_000m, 2), (person.GetProperty("totals").GetProperty("medfee_sumamt").GetDecimal(), person.GetProperty("totals").GetProperty("settlement_count").GetInt32()));
    }

    [Fact]
    public async Task A_setl_id_repeated_within_a_batch_is_recorded_from_its_first_line_and_its_repeats_answered_duplicate()
    {
        var psnNo = await Registered();
        var (repeated, other) = (Wire.Id("S"), Wire.Id("S"));
        // Many lines of the household in flight at once: the repeats must still wait for the first line.
        var lines = new[] { Wire.Settlement(repeated, psnNo, 1_000m, 1_000m) }
            .Concat(Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? Wire.Settlement(repeated, psnNo, 2_000m + i, 2_000m + i) : Wire.Settlement($"{other}-{i}", psnNo, 10m, 10m)));

        var response = await _feed.PostAsync("/api/settlements", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var ofRepeated = answers.Where(a => a.GetProperty("setl_id").GetString() == repeated)
            .Select(a => (a.GetProperty("status").GetString(), a.GetProperty("medfee_sumamt").GetDecimal())).ToList();
        Assert.Equal([("recorded", 1_000m), .. Enumerable.Repeat(("duplicate", 1_000m), 10)], ofRepeated);
        var person = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{psnNo}?year=2022"));
        Assert.Equal((1_100m, 11), (person.GetProperty("totals").GetProperty("medfee_sumamt").GetDecimal(), person.GetProperty("totals").GetProperty("settlement_count").GetInt32()));
    }

    [Fact]
    public async Task A_rejected_batch_line_carries_the_problem_a_single_request_would_get()
    {
        var psnNo = await Registered();
        var lines = string.Join('\n', Wire.Settlement(Wire.Id("S"), psnNo, -1m, 0m), Wire.Settlement(Wire.Id("S"), "P-nobody-" + Wire.Id("N"), 10m, 10m));

        var response = await _feed.PostAsync("/api/settlements", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));

        var problems = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("error"))
            .Select(e => (e.GetProperty("type").GetString(), e.GetProperty("title").GetString(), e.GetProperty("status").GetInt32(), e.GetProperty("detail").GetString()));
        Assert.Equal([
            // Both amounts the line gets wrong (Wire.Settlement writes fulamt_ownpay_amt = -1 - 0).
            ("https://tools.ietf.org/html/rfc9110#section-15.5.1", "Invalid request", 400, "medfee_sumamt: must not be negative; fulamt_ownpay_amt: must not be negative"),
            ("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found", 404, "psn_no: the person is not registered"),
        ], problems);
    }

    [Fact]
    public async Task A_rejected_batch_line_names_the_person_its_line_names()
    {
        var (psnNo, other) = (await Registered(), await Registered());
        var recorded = Wire.Id("S");
        Assert.Equal(HttpStatusCode.OK, (await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(recorded, psnNo, 10m, 10m)))).StatusCode);
        var newer = Wire.Settlement(Wire.Id("S"), psnNo, 10m, 10m).Replace("2022-03-01", "2024-03-01", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(newer))).StatusCode);
        var lines = string.Join('\n',
            Wire.Settlement(Wire.Id("S"), psnNo, -1m, 0m),
            Wire.Settlement(recorded, other, 10m, 10m),
            Wire.Settlement(Wire.Id("S"), psnNo, 10m, 10m).Replace("2022-03-01", "2021-03-01", StringComparison.Ordinal),
            Wire.Settlement(Wire.Id("S"), "P bad", 10m, 10m));

        var response = await _feed.PostAsync("/api/settlements", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));

        var answers = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)
            .Select(answer => (answer.GetProperty("status").GetString(), answer.GetProperty("psn_no").GetString(), answer.GetProperty("error").GetProperty("status").GetInt32()));
        Assert.Equal([("rejected", psnNo, 400), ("rejected", other, 409), ("rejected", psnNo, 409), ("rejected", null, 400)], answers);
    }

    [Fact]
    public async Task Broken_json_on_a_batch_line_is_named_by_its_line_in_the_batch()
    {
        var psnNo = await Registered();
        var lines = Enumerable.Range(0, 4).Select(_ => Wire.Settlement(Wire.Id("S"), psnNo, 10m, 10m)).Append("""{"setl_id":"S-broken",}""");

        var response = await _feed.PostAsync("/api/settlements", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"));

        var answers = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["recorded", "recorded", "recorded", "recorded", "rejected"], answers.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal(["is not valid JSON (line 5, byte 22)"], answers[4].GetProperty("error").GetProperty("errors").GetProperty("body").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Duplicate_answers_the_first_amounts_and_reversal_restores_the_totals()
    {
        var psnNo = await Registered();
        var setlId = Wire.Id("S");
        await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId, psnNo, 12_000m, 10_000m)));

        var duplicate = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId, psnNo, 99_999m, 99_999m))));
        var reversal = await _feed.PostAsync($"/api/settlements/{setlId}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{psnNo}}"}"""));
        var again = await Wire.Body(await _feed.PostAsync($"/api/settlements/{setlId}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{psnNo}}"}""")));

        Assert.Equal(("duplicate", 5_700m, 0), (duplicate.GetProperty("status").GetString(), duplicate.GetProperty("psn_part_amt").GetDecimal(), duplicate.GetProperty("events").GetArrayLength()));
        Assert.Equal(HttpStatusCode.OK, reversal.StatusCode);
        Assert.Equal("reversed", (await Wire.Body(reversal)).GetProperty("status").GetString());
        Assert.Equal("duplicate", again.GetProperty("status").GetString());
        var person = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{psnNo}?year=2022"));
        Assert.Equal((0m, 0), (person.GetProperty("totals").GetProperty("medfee_sumamt").GetDecimal(), person.GetProperty("totals").GetProperty("settlement_count").GetInt32()));
    }

    public static TheoryData<string, string, HttpStatusCode> BadBodies => new()
    {
        { """{"setl_id":"S-x","psn_no":"P-x","medfee_sumamt":"abc"}""", "medfee_sumamt", HttpStatusCode.BadRequest },
        { """{"setl_id":"S-x","psn_no":"P-x","no_such_field":1}""", "no_such_field", HttpStatusCode.BadRequest },
        { """{"setl_id":"S-x", broken""", "body", HttpStatusCode.BadRequest },
        { """{}}""", "body", HttpStatusCode.BadRequest },
        { """{"setl_id":"S-x","psn_no":"P-x","setl_time":"2024/03/01 10:00","med_type":"21","hosp_lv":3,"medfee_sumamt":1,"inscp_scp_amt":1}""", "setl_time", HttpStatusCode.BadRequest },
        { """{"setl_id":"S-x","psn_no":"P-x","setl_time":"0001-01-01T00:00:00","med_type":"21","hosp_lv":3,"medfee_sumamt":1,"inscp_scp_amt":1}""", "setl_time", HttpStatusCode.BadRequest },
        { """{"setl_id":null,"psn_no":"P-x","setl_time":"2022-03-01T10:00:00","med_type":"21","hosp_lv":3,"medfee_sumamt":1,"inscp_scp_amt":1}""", "setl_id", HttpStatusCode.BadRequest },
        { """{"setl_id":"S-x","psn_no":"","setl_time":"2022-03-01T10:00:00","med_type":"21","hosp_lv":3,"medfee_sumamt":1,"inscp_scp_amt":1}""", "psn_no", HttpStatusCode.BadRequest },
        { """{"setl_id":"S-x","psn_no":"P-x","setl_time":"2022-03-01T10:00:00","med_type":"21","hosp_lv":3,"inscp_scp_amt":1}""", "medfee_sumamt", HttpStatusCode.BadRequest },
        { """{"setl_id":"S-x","psn_no":"P-unknown-person","setl_time":"2022-03-01T10:00:00","med_type":"21","hosp_lv":3,"medfee_sumamt":1,"inscp_scp_amt":1}""", "psn_no", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_single_settlement_is_a_problem_naming_the_field(string body, string field, HttpStatusCode status)
    {
        var response = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(body));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await Wire.Body(response)).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    [Fact]
    public async Task Batch_over_the_line_limit_is_refused_whole_naming_the_limit()
    {
        var line = Wire.Settlement("S-none", "P-none", 1m, 1m);
        var body = string.Join('\n', Enumerable.Repeat(line, Ledger.Silo.Apis.SettlementsApi.BatchLinesMax + 1));

        var response = await _feed.PostAsync("/api/settlements", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var reason = (await Wire.Body(response)).GetProperty("errors").GetProperty("body")[0].GetString();
        Assert.Equal($"a batch carries at most {Ledger.Silo.Apis.SettlementsApi.BatchLinesMax} lines, this one {Ledger.Silo.Apis.SettlementsApi.BatchLinesMax + 1}", reason);
    }

    [Fact]
    public async Task An_oversized_reversal_is_refused_with_413_as_every_other_body_is()
    {
        var psnNo = await Registered();
        // 70 KB: a reversal padded past the 64 KB a single body may have.
        var body = $$"""{"psn_no":"{{psnNo}}","note":"{{new string('x', 70 * 1024)}}"}""";

        var response = await _feed.PostAsync($"/api/settlements/{Wire.Id("S")}/reversal", LedgerApiFactory.Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Wire.Body(response);
        Assert.Equal((413, $"must be at most {Ledger.Silo.Apis.SettlementsApi.SingleBodyBytesMax} bytes"),
            (problem.GetProperty("status").GetInt32(), problem.GetProperty("errors").GetProperty("body")[0].GetString()));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Settlement_in_another_content_type_is_refused_with_415_naming_it(string? contentType)
    {
        var psnNo = await Registered();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Wire.Settlement(Wire.Id("S"), psnNo, 100m, 100m)));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await _feed.PostAsync("/api/settlements", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("must be application/json (one settlement) or application/x-ndjson (a batch)",
            (await Wire.Body(response)).GetProperty("errors").GetProperty("content-type")[0].GetString());
        await AssertNoSettlements(psnNo);
    }

    [Fact]
    public async Task Batch_line_with_broken_utf8_is_rejected_not_repaired()
    {
        var psnNo = await Registered();
        var good = Encoding.UTF8.GetBytes(Wire.Settlement(Wire.Id("S"), psnNo, 100m, 100m));
        // A settlement whose id ends in a byte that is not UTF-8: it must not become "S-broken-\uFFFD".
        var broken = Encoding.UTF8.GetBytes(Wire.Settlement("S-broken-#", psnNo, 100m, 100m));
        broken[Array.IndexOf(broken, (byte)'#')] = 0xFF;
        var content = new ByteArrayContent([.. broken, (byte)'\n', .. good]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");

        var response = await _feed.PostAsync("/api/settlements", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["rejected", "recorded"], answers.Select(a => a.GetProperty("status").GetString()));
        Assert.Equal("is not valid UTF-8", answers[0].GetProperty("error").GetProperty("errors").GetProperty("setl_id")[0].GetString());
    }

    [Fact]
    public async Task Settlement_time_in_the_national_platform_form_with_a_space_is_china_time()
    {
        var psnNo = await Registered();
        var body = Wire.Settlement(Wire.Id("S"), psnNo, 100m, 100m).Replace("2022-03-01T10:00:00", "2022-12-31 23:30:00", StringComparison.Ordinal);

        var response = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2022, (await Wire.Body(response)).GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task Settlement_after_the_person_moved_households_is_recorded_in_the_new_household()
    {
        var (psnNo, first, second) = (Wire.Id("P"), Wire.Id("H"), Wire.Id("H"));
        await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(first)));
        // The first settlement teaches this silo the person's household; the move must not send the next one there.
        Assert.Equal(HttpStatusCode.OK, (await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 1_000m, 1_000m)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(second)))).StatusCode);

        var moved = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 2_000m, 2_000m)));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(second, (await Wire.Body(moved)).GetProperty("household_id").GetString());
        var operatorClient = factory.Client(LedgerApiFactory.OperatorKey);
        var left = await operatorClient.GetAsync($"/api/households/{first}?year=2022");
        var joined = await Wire.Body(await operatorClient.GetAsync($"/api/households/{second}?year=2022"));
        // The member's whole ledger moved with it: both settlements are in the new household, and the one
        // it left, with no member registered, is no household at all.
        Assert.Equal(HttpStatusCode.NotFound, left.StatusCode);
        Assert.Equal(3_000m, joined.GetProperty("totals").GetProperty("medfee_sumamt").GetDecimal());
    }

    private async Task AssertNoSettlements(string psnNo)
    {
        var person = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{psnNo}?year=2022"));
        Assert.Equal(0, person.GetProperty("totals").GetProperty("settlement_count").GetInt32());
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Grains.Hosting;
using Ledger.Policy.Domain;
using Ledger.Policy.Loading;

namespace Ledger.Api.Tests;

/// <summary>The journal through the API: history behind the totals, rolls of registrations, the export, and history that changes.</summary>
[Collection(ApiCollection.Name)]
public sealed class JournalApiTests(LedgerApiFactory factory)
{
    private static readonly PolicyCatalogue Catalogue = PolicyLoader.LoadDirectory(LedgerGrainServices.DefaultPolicyFolder);

    private readonly HttpClient _feed = factory.Client(LedgerApiFactory.FeedKey);
    private readonly HttpClient _operator = factory.Client(LedgerApiFactory.OperatorKey);

    [Fact]
    public async Task A_late_settlement_is_recorded_where_it_belongs_and_the_history_sums_to_the_totals()
    {
        var psnNo = await Registered();
        var (march, april, may) = (Wire.Id("S"), Wire.Id("S"), Wire.Id("S"));
        Assert.Equal("recorded", await Status(Inpatient(march, psnNo, 30_000m, "2022-03-01T10:00:00")));
        Assert.Equal("recorded", await Status(Inpatient(may, psnNo, 30_000m, "2022-05-01T10:00:00")));

        var late = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Inpatient(april, psnNo, 10_000m, "2022-04-01T10:00:00"))));

        // Level 3 inpatient, no identity: basic pays 70 % above 1 000, the rest of the scope is the
        // critical-illness base. 9 700 + 9 700 stayed under the deductible; with April's 3 700 (10 000 − 6 300) in
        // between, May's base passes it and May's split is recomputed.
        var deductible = Catalogue.Find("350102", new DateOnly(2022, 5, 1))!.Critical!;
        var mayPays = Money.Round((9_700m + 3_700m + 9_700m - deductible.Deductible) * deductible.Brackets[0].Ratio);
        Assert.Equal("recorded", late.GetProperty("status").GetString());
        var adjustment = Assert.Single(late.GetProperty("adjustments").EnumerateArray());
        Assert.Equal((may, "late_settlement", april, mayPays, -mayPays),
            (adjustment.GetProperty("setl_id").GetString(), adjustment.GetProperty("cause").GetString(), adjustment.GetProperty("cause_id").GetString(),
             adjustment.GetProperty("change").GetProperty("hifmi_pay").GetDecimal(), adjustment.GetProperty("change").GetProperty("psn_part_amt").GetDecimal()));

        var history = await Wire.Body(await _operator.GetAsync($"/api/persons/{psnNo}/settlements?year=2022"));
        var person = await Wire.Body(await _operator.GetAsync($"/api/persons/{psnNo}?year=2022"));
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([(march, "recorded"), (april, "recorded"), (may, "recorded"), (may, "adjusted")],
            items.Select(item => (item.GetProperty("setl_id").GetString(), item.GetProperty("kind").GetString())));
        foreach (var field in (string[])["medfee_sumamt", "hifp_pay", "hifmi_pay", "maf_pay", "psn_part_amt", "settlement_count"])
        {
            Assert.Equal(person.GetProperty("totals").GetProperty(field).GetDecimal(), items.Sum(item => item.GetProperty("change").GetProperty(field).GetDecimal()));
        }
    }

    [Fact]
    public async Task A_back_dated_identity_re_adjudicates_and_the_registration_answer_lists_the_adjustments()
    {
        var householdId = Wire.Id("H");
        var psnNo = await Registered(householdId);
        var setlId = Wire.Id("S");
        Assert.Equal("recorded", await Status(Inpatient(setlId, psnNo, 10_000m, "2022-03-01T10:00:00")));

        var dibao = """{"type":"dibao","begin":"2022-01-01","end":null}""";
        var answer = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, dibao)));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var adjustment = Assert.Single((await Wire.Body(answer)).GetProperty("adjustments").EnumerateArray());
        Assert.Equal((setlId, "identity_change", psnNo), (adjustment.GetProperty("setl_id").GetString(), adjustment.GetProperty("cause").GetString(),
            adjustment.GetProperty("cause_id").GetString()));
        // Assistance owed to a dibao member for the inpatient bill: what the office pays as 补差.
        Assert.True(adjustment.GetProperty("change").GetProperty("maf_pay").GetDecimal() > 0m, adjustment.ToString());
        Assert.Equal(-adjustment.GetProperty("change").GetProperty("fund_pay_sumamt").GetDecimal(), adjustment.GetProperty("change").GetProperty("psn_part_amt").GetDecimal());
    }

    [Fact]
    public async Task An_identity_change_reaching_a_closed_year_with_settlements_is_a_conflict_naming_identities()
    {
        var householdId = Wire.Id("H");
        var psnNo = await Registered(householdId);
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 10_000m, "2022-03-01T10:00:00")));
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 10_000m, "2024-03-01T10:00:00")));

        var answer = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, """{"type":"dibao","begin":"2022-01-01","end":null}""")));

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.True((await Wire.Body(answer)).GetProperty("errors").TryGetProperty("identities", out _));
        var person = await Wire.Body(await _operator.GetAsync($"/api/persons/{psnNo}"));
        Assert.Empty(person.GetProperty("identities").EnumerateArray());
    }

    [Fact]
    public async Task A_roll_of_registrations_is_answered_line_by_line_and_sent_again_is_unchanged()
    {
        var householdId = Wire.Id("H");
        var (first, second) = (Wire.Id("P"), Wire.Id("P"));
        var roll = string.Join('\n',
            Line(first, householdId, Wire.PovertyAlleviated),
            Line(Wire.Id("P"), householdId, """{"type":"rich","begin":"2021-01-01","end":null}"""),
            Line(second, householdId, "")) + "\n";

        var once = await Lines(await _feed.PostAsync("/api/persons", Ndjson(roll)));
        var twice = await Lines(await _feed.PostAsync("/api/persons", Ndjson(roll)));

        Assert.Equal(["registered", "rejected", "registered"], once.Select(line => line.GetProperty("status").GetString()));
        Assert.True(once[1].GetProperty("error").GetProperty("errors").TryGetProperty("identities[0].type", out _));
        Assert.Equal(["unchanged", "rejected", "unchanged"], twice.Select(line => line.GetProperty("status").GetString()));
        var household = await Wire.Body(await _operator.GetAsync($"/api/households/{householdId}"));
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), household.GetProperty("members").EnumerateArray().Select(member => member.GetProperty("psn_no").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await _feed.PostAsync("/api/persons", LedgerApiFactory.Json(roll))).StatusCode);
    }

    [Fact]
    public async Task A_setl_id_of_another_person_is_a_conflict_and_a_reversal_of_an_unknown_one_is_not_found()
    {
        var (one, other) = (await Registered(), await Registered());
        var setlId = Wire.Id("S");
        Assert.Equal("recorded", await Status(Inpatient(setlId, one, 1_000m, "2022-03-01T10:00:00")));

        var reused = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Inpatient(setlId, other, 1_000m, "2022-03-01T10:00:00")));
        var unknown = await _feed.PostAsync($"/api/settlements/{Wire.Id("S")}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{one}}"}"""));

        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.True((await Wire.Body(reused)).GetProperty("errors").TryGetProperty("setl_id", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_journal_export_pages_a_regions_year_by_position_for_operators_only()
    {
        var region = Wire.Region("35");
        var psnNo = Wire.Id("P");
        Assert.Equal(HttpStatusCode.OK, (await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: region)))).StatusCode);
        var setlIds = new[] { Wire.Id("S"), Wire.Id("S"), Wire.Id("S") };
        for (var i = 0; i < setlIds.Length; i++)
        {
            Assert.Equal("recorded", await Status(Inpatient(setlIds[i], psnNo, 1_000m, $"2022-0{i + 3}-01T10:00:00")));
        }

        var firstPage = await Lines(await _operator.GetAsync($"/api/journal?region={region}&year=2022&limit=2"));
        var after = firstPage[^1].GetProperty("position").GetInt64();
        var secondPage = await Lines(await _operator.GetAsync($"/api/journal?region={region}&year=2022&after={after}&limit=2"));
        var end = await Lines(await _operator.GetAsync($"/api/journal?region={region}&year=2022&after={secondPage[^1].GetProperty("position").GetInt64()}"));

        Assert.Equal(setlIds, firstPage.Concat(secondPage).Select(entry => entry.GetProperty("setl_id").GetString()));
        Assert.All(firstPage.Concat(secondPage), entry => Assert.Equal("21", entry.GetProperty("claim").GetProperty("med_type").GetString()));
        Assert.Empty(end);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync("/api/journal?region=35&year=2022")).StatusCode);
    }

    /// <summary>
    /// A back-dated identity change is exported with the member's dated identities after it, not only those of
    /// the day it counts from: a what-if replay of the year needs every date's (here dibao ends in June).
    /// </summary>
    [Fact]
    public async Task The_export_carries_an_identity_changes_dated_identities()
    {
        var (region, householdId, psnNo) = (Wire.Region("35"), Wire.Id("H"), Wire.Id("P"));
        Assert.Equal(HttpStatusCode.OK, (await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, region: region)))).StatusCode);
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 1_000m, "2022-03-01T10:00:00")));
        var dibao = """{"type":"dibao","begin":"2022-01-01","end":"2022-06-30"}""";
        Assert.Equal(HttpStatusCode.OK, (await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, dibao, region)))).StatusCode);

        var entries = await Lines(await _operator.GetAsync($"/api/journal?region={region}&year=2022"));

        Assert.Equal(["recorded", "identity_changed"], entries.Select(entry => entry.GetProperty("kind").GetString()).Where(kind => kind != "adjusted"));
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("identity_periods").ValueKind);
        var change = entries.Single(entry => entry.GetProperty("kind").GetString() == "identity_changed");
        Assert.Equal(("2022-01-01T00:00:00+08:00", """["dibao"]"""), (change.GetProperty("setl_time").GetString(), change.GetProperty("identities").GetRawText()));
        var period = Assert.Single(change.GetProperty("identity_periods").EnumerateArray());
        Assert.Equal(("dibao", "2022-01-01", "2022-06-30"),
            (period.GetProperty("type").GetString(), period.GetProperty("begin").GetString(), period.GetProperty("end").GetString()));
    }

    /// <summary>
    /// An identity change is journaled under the year it counts from; one from 2022 that still holds in 2023
    /// is in the export of 2023 too: a what-if replay of 2023 reads the member's identities there (a change
    /// that leaves a 2023 split as it was journals no adjustment of 2023 to carry them). 2021 holds nothing.
    /// </summary>
    [Fact]
    public async Task The_export_of_a_year_carries_the_identity_changes_journaled_under_earlier_years()
    {
        var (region, householdId, psnNo, setlId) = (Wire.Region("35"), Wire.Id("H"), Wire.Id("P"), Wire.Id("S"));
        Assert.Equal(HttpStatusCode.OK, (await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, region: region)))).StatusCode);
        Assert.Equal("recorded", await Status(Inpatient(setlId, psnNo, 100m, "2023-03-01T10:00:00")));
        var monitored = """{"type":"monitored","begin":"2022-01-01","end":null}""";
        Assert.Equal(HttpStatusCode.OK, (await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, monitored, region)))).StatusCode);

        var entries = await Lines(await _operator.GetAsync($"/api/journal?region={region}&year=2023"));

        Assert.Equal([("recorded", 2023, "[]"), ("identity_changed", 2022, """["monitored"]"""), ("adjusted", 2023, """["monitored"]""")],
            entries.Select(entry => (entry.GetProperty("kind").GetString(), entry.GetProperty("year").GetInt32(), entry.GetProperty("identities").GetRawText())));
        var period = Assert.Single(entries[1].GetProperty("identity_periods").EnumerateArray());
        Assert.Equal(("monitored", "2022-01-01", JsonValueKind.Null),
            (period.GetProperty("type").GetString(), period.GetProperty("begin").GetString(), period.GetProperty("end").ValueKind));
        Assert.Empty(await Lines(await _operator.GetAsync($"/api/journal?region={region}&year=2021")));
    }

    private async Task<string> Registered(string? householdId = null)
    {
        var psnNo = Wire.Id("P");
        Assert.Equal(HttpStatusCode.OK, (await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId ?? Wire.Id("H"))))).StatusCode);
        return psnNo;
    }

    private async Task<string?> Status(string settlement) =>
        (await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(settlement)))).GetProperty("status").GetString();

    private static string Inpatient(string setlId, string psnNo, decimal amount, string time) =>
        Wire.Settlement(setlId, psnNo, amount, amount).Replace("2022-03-01T10:00:00", time, StringComparison.Ordinal);

    private static string Line(string psnNo, string householdId, string identities) =>
        $$"""{"psn_no":"{{psnNo}}",""" + Wire.Person(householdId, identities).ReplaceLineEndings("").TrimStart()[1..];

    private static StringContent Ndjson(string body) => new(body, Encoding.UTF8, "application/x-ndjson");

    private static async Task<List<JsonElement>> Lines(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }
}

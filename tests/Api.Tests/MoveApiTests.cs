using System.Net;
using System.Text.Json;

namespace Ledger.Api.Tests;

/// <summary>
/// Registrations that change a person's household and profile at once, residence changes, and the
/// identity_changed entry's dating: a move is re-adjudicated and refused exactly as the same change
/// without a move would be.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MoveApiTests(LedgerApiFactory factory)
{
    private const string Dibao = """{"type":"dibao","begin":"2022-01-01","end":null}""";

    private readonly HttpClient _feed = factory.Client(LedgerApiFactory.FeedKey);
    private readonly HttpClient _operator = factory.Client(LedgerApiFactory.OperatorKey);

    [Fact]
    public async Task A_move_that_drops_an_identity_re_adjudicates_like_the_same_change_without_a_move()
    {
        var (stays, moves) = (Wire.Id("P"), Wire.Id("P"));
        var (household, joined) = (Wire.Id("H"), Wire.Id("H"));
        var (staying, moving) = (Wire.Id("S"), Wire.Id("S"));
        await Put(stays, Wire.Person(Wire.Id("H"), Dibao));
        await Put(moves, Wire.Person(household, Dibao));
        Assert.Equal("recorded", await Status(Inpatient(staying, stays, 3_000m, "2022-03-01T10:00:00")));
        Assert.Equal("recorded", await Status(Inpatient(moving, moves, 3_000m, "2022-03-01T10:00:00")));
        Assert.Equal((1_120m, 480m), Paid(await Person(moves, 2022)));

        var changed = await Put(stays, Wire.Person((await Person(stays, 2022)).GetProperty("household_id").GetString()!));
        var moved = await Put(moves, Wire.Person(joined));

        var adjustment = Assert.Single(moved.GetProperty("adjustments").EnumerateArray());
        // The same change of money, caused by the move (which carried the identity change).
        Assert.Equal((moving, "member_moved", moves, -1_120m, 1_120m),
            (adjustment.GetProperty("setl_id").GetString(), adjustment.GetProperty("cause").GetString(), adjustment.GetProperty("cause_id").GetString(),
             adjustment.GetProperty("change").GetProperty("maf_pay").GetDecimal(), adjustment.GetProperty("change").GetProperty("psn_part_amt").GetDecimal()));
        Assert.Equal(Assert.Single(changed.GetProperty("adjustments").EnumerateArray()).GetProperty("change").ToString(),
            adjustment.GetProperty("change").ToString());
        var person = await Person(moves, 2022);
        Assert.Equal((joined, 0, 0m, 1_600m), (person.GetProperty("household_id").GetString(), person.GetProperty("identities").GetArrayLength(),
            Paid(person).Assistance, Paid(person).SelfPay));
        var history = await Wire.Body(await _operator.GetAsync($"/api/persons/{moves}/settlements?year=2022"));
        Assert.Equal([(moving, "recorded"), (moving, "adjusted")],
            history.GetProperty("items").EnumerateArray().Select(item => (item.GetProperty("setl_id").GetString(), item.GetProperty("kind").GetString())));
        var joinedHousehold = await Wire.Body(await _operator.GetAsync($"/api/households/{joined}?year=2022"));
        Assert.Equal((0m, 1_600m), (joinedHousehold.GetProperty("totals").GetProperty("maf_pay").GetDecimal(), joinedHousehold.GetProperty("totals").GetProperty("psn_part_amt").GetDecimal()));
    }

    [Fact]
    public async Task A_move_whose_identity_change_reaches_a_closed_year_is_a_conflict_and_changes_nothing()
    {
        var (psnNo, household, other) = (Wire.Id("P"), Wire.Id("H"), Wire.Id("H"));
        await Put(psnNo, Wire.Person(household, Dibao));
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 3_000m, "2022-03-01T10:00:00")));
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 3_000m, "2024-03-01T10:00:00")));
        var before = Paid(await Person(psnNo, 2024));

        var answer = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Urban(Wire.Person(other))));

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        var errors = (await Wire.Body(answer)).GetProperty("errors");
        Assert.Equal(["identities"], errors.EnumerateObject().Select(field => field.Name));
        Assert.StartsWith("would change a settlement of 2022-03-01 in year 2022, which is closed", errors.GetProperty("identities")[0].GetString(), StringComparison.Ordinal);
        var person = await Person(psnNo, 2024);
        Assert.Equal((household, "rural", 1), (person.GetProperty("household_id").GetString(), person.GetProperty("residence").GetString(),
            person.GetProperty("identities").GetArrayLength()));
        Assert.Equal(before, Paid(person));
        // Nobody was ever registered in the household it would have joined.
        Assert.Equal(HttpStatusCode.NotFound, (await _operator.GetAsync($"/api/households/{other}?year=2024")).StatusCode);
    }

    [Fact]
    public async Task A_residence_change_counts_from_the_open_years_and_leaves_a_closed_year_as_it_was_settled()
    {
        var (psnNo, household) = (Wire.Id("P"), Wire.Id("H"));
        await Put(psnNo, Wire.Person(household, Dibao));
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 3_000m, "2022-03-01T10:00:00")));
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 3_000m, "2024-03-01T10:00:00")));
        var closedYear = (await Person(psnNo, 2022)).GetProperty("totals").ToString();

        var changed = await Put(psnNo, Urban(Wire.Person(household, Dibao)));

        Assert.Equal("urban", changed.GetProperty("residence").GetString());
        Assert.Equal(closedYear, (await Person(psnNo, 2022)).GetProperty("totals").ToString());
        // The export of 2023 also carries the registration's identity change of 2022 (its dibao holds in 2023).
        var entry = Assert.Single(await Journal(psnNo, 2023), line => line.GetProperty("kind").GetString() == "identity_changed" && line.GetProperty("year").GetInt32() == 2023);
        Assert.Equal(("2023-01-01T00:00:00+08:00", "urban"), (entry.GetProperty("setl_time").GetString(), entry.GetProperty("residence").GetString()));
    }

    [Fact]
    public async Task After_a_move_the_persons_closed_year_totals_still_read()
    {
        var (psnNo, household, joined) = (Wire.Id("P"), Wire.Id("H"), Wire.Id("H"));
        await Put(psnNo, Wire.Person(household, Dibao));
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 3_000m, "2022-03-01T10:00:00")));
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 3_000m, "2024-03-01T10:00:00")));
        var closedYear = (await Person(psnNo, 2022)).GetProperty("totals");
        Assert.Equal((3_000m, 1), (closedYear.GetProperty("medfee_sumamt").GetDecimal(), closedYear.GetProperty("settlement_count").GetInt32()));

        var moved = await Put(psnNo, Urban(Wire.Person(joined, Dibao)));

        Assert.Equal(joined, moved.GetProperty("household_id").GetString());
        Assert.Equal(closedYear.ToString(), (await Person(psnNo, 2022)).GetProperty("totals").ToString());
    }

    [Fact]
    public async Task A_resend_after_a_move_answers_the_stored_first_answer_with_the_household_that_recorded_it()
    {
        var (psnNo, household, joined, setlId) = (Wire.Id("P"), Wire.Id("H"), Wire.Id("H"), Wire.Id("S"));
        await Put(psnNo, Wire.Person(household, Dibao));
        var settlement = Inpatient(setlId, psnNo, 3_000m, "2024-03-01T10:00:00");
        var first = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(settlement)));
        Assert.Equal(("recorded", household), (first.GetProperty("status").GetString(), first.GetProperty("household_id").GetString()));

        Assert.Equal(joined, (await Put(psnNo, Wire.Person(joined, Dibao))).GetProperty("household_id").GetString());
        var resent = await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(settlement)));

        // The journal entry and the first answer say the household it was recorded in; so does the duplicate.
        Assert.Equal(("duplicate", household, first.GetProperty("maf_pay").GetDecimal(), first.GetProperty("psn_part_amt").GetDecimal()),
            (resent.GetProperty("status").GetString(), resent.GetProperty("household_id").GetString(),
             resent.GetProperty("maf_pay").GetDecimal(), resent.GetProperty("psn_part_amt").GetDecimal()));
        var entry = Assert.Single(await Journal(psnNo, 2024), line => line.GetProperty("kind").GetString() == "recorded");
        Assert.Equal(household, entry.GetProperty("household_id").GetString());
    }

    [Fact]
    public async Task A_back_dated_identity_change_is_an_event_of_the_year_and_day_it_counts_from()
    {
        var region = Wire.Region("35");
        var (psnNo, household) = (Wire.Id("P"), Wire.Id("H"));
        await Put(psnNo, Wire.Person(household, region: region));
        Assert.Equal("recorded", await Status(Inpatient(Wire.Id("S"), psnNo, 3_000m, "2022-03-01T10:00:00")));

        await Put(psnNo, Wire.Person(household, """{"type":"dibao","begin":"2022-02-15","end":null}""", region));

        var entry = Assert.Single(await Journal(psnNo, 2022, region), line => line.GetProperty("kind").GetString() == "identity_changed");
        var fired = entry.GetProperty("events")[0];
        Assert.Equal((2022, "2022-02-15T00:00:00+08:00", "identity_changed", 2022, "2022-02-15T00:00:00+08:00"),
            (entry.GetProperty("year").GetInt32(), entry.GetProperty("setl_time").GetString(), fired.GetProperty("kind").GetString(),
             fired.GetProperty("year").GetInt32(), fired.GetProperty("setl_time").GetString()));
        Assert.Equal(["dibao"], entry.GetProperty("identities").EnumerateArray().Select(identity => identity.GetString()));
    }

    private async Task<JsonElement> Put(string psnNo, string person)
    {
        var answer = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(person));
        var body = await Wire.Body(answer);
        Assert.True(answer.StatusCode == HttpStatusCode.OK, body.ToString());
        return body;
    }

    private async Task<JsonElement> Person(string psnNo, int year) => await Wire.Body(await _operator.GetAsync($"/api/persons/{psnNo}?year={year}"));

    /// <summary>The person's journal entries of a year in the operators' export of its region.</summary>
    private async Task<List<JsonElement>> Journal(string psnNo, int year, string region = "350102")
    {
        var entries = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var answer = await _operator.GetAsync($"/api/journal?region={region}&year={year}&after={after}&limit=1000");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var lines = (await answer.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
            if (lines.Count == 0)
            {
                return entries;
            }
            entries.AddRange(lines.Where(line => line.GetProperty("psn_no").GetString() == psnNo));
            after = lines[^1].GetProperty("position").GetInt64();
        }
    }

    private static (decimal Assistance, decimal SelfPay) Paid(JsonElement person) =>
        (person.GetProperty("totals").GetProperty("maf_pay").GetDecimal(), person.GetProperty("totals").GetProperty("psn_part_amt").GetDecimal());

    private static string Urban(string person) => person.Replace("\"rural\"", "\"urban\"", StringComparison.Ordinal);

    private async Task<string?> Status(string settlement) =>
        (await Wire.Body(await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(settlement)))).GetProperty("status").GetString();

    private static string Inpatient(string setlId, string psnNo, decimal amount, string time) =>
        Wire.Settlement(setlId, psnNo, amount, amount).Replace("2022-03-01T10:00:00", time, StringComparison.Ordinal);
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Client.Cli;
using Ledger.Client.WhatIf;
using Ledger.Client.WhatIf.Input;
using Ledger.Client.WhatIf.Replay;
using Ledger.Client.Tests.WhatIf;
using Ledger.Client.Wire;
using Ledger.Policy.Engine;

namespace Ledger.Client.Tests.EndToEnd;

/// <summary>
/// A what-if under an unchanged policy replays exactly what the ledger paid, moves included: persons
/// registered, settled and moved through the API of a real silo (embedded mode, child process), the
/// region's year exported with <c>ledger journal export</c>, and replayed with <c>ledger what-if --journal</c>.
/// Jinhua (household cap 50 000, the warm fund pays above it), level-3 inpatient bills with 10 000 in scope:
/// D's March 30 000 without identities leaves 24 150 (basic 5 850); C's June 37 755, dibao, leaves 29 000
/// (basic 5 850, assistance 2 905). With D in C's household: 24 150 + 29 000 − 50 000 = 3 150 from the warm fund.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(SiloCollection.Name)]
public sealed class WhatIfMoveEndToEndTests(SiloFixture fixture)
{
    private const int Year = 2022;
    private const string Dibao = """{"type":"dibao","begin":"2021-03-01","end":null}""";
    private static readonly string Policies = Path.Combine(AppContext.BaseDirectory, "policies");

    /// <summary>The auditor's case: D moves from H1 to C's H2, whose ledger re-splits C's June with 3 150 from the warm fund.</summary>
    [Fact]
    public async Task A_member_moved_in_is_replayed_in_the_household_joined_and_the_baseline_is_what_the_ledger_paid()
    {
        var (h1, h2, c, d) = Ids();
        await Register(d, h1, "", "330781");
        await Register(c, h2, Dibao, "330781");
        await Settle(d, "2022-03-01T10:00:00", 30_000m);
        await Settle(c, "2022-06-01T10:00:00", 37_755m);

        await Register(d, h2, "", "330781");

        var ledger = await Ledger(h1, h2);
        Assert.Equal(3_150.00m, ledger[h2].Totals["warm_fund_pay"]);
        Assert.Equal([c, d], ledger[h2].Members.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(ledger[h1].Members);
        Assert.All(ledger[h1].Totals.Values, amount => Assert.Equal(0m, amount));
        await AssertReplayIsTheLedger("330781", ledger);
    }

    /// <summary>The same with a dibao mover: D's March leaves 21 245 (assistance 2 905), so H2's warm fund pays 245.</summary>
    [Fact]
    public async Task A_mover_with_identities_is_replayed_with_them_in_the_household_joined()
    {
        var (h1, h2, c, d) = Ids();
        await Register(d, h1, Dibao, "330782");
        await Register(c, h2, Dibao, "330782");
        await Settle(d, "2022-03-01T10:00:00", 30_000m);
        await Settle(c, "2022-06-01T10:00:00", 37_755m);

        await Register(d, h2, Dibao, "330782");

        var ledger = await Ledger(h1, h2);
        Assert.Equal((245.00m, 2_905.00m), (ledger[h2].Totals["warm_fund_pay"], ledger[h2].Members[d]["maf_pay"]));
        Assert.Empty(ledger[h1].Members);
        await AssertReplayIsTheLedger("330782", ledger);
    }

    /// <summary>D moves to H2 and back to H1: H2 gives the 3 150 back, and D is replayed in H1 again, alone.</summary>
    [Fact]
    public async Task A_member_that_moves_back_is_replayed_in_the_household_it_came_back_to()
    {
        var (h1, h2, c, d) = Ids();
        await Register(d, h1, "", "330783");
        await Register(c, h2, Dibao, "330783");
        await Settle(d, "2022-03-01T10:00:00", 30_000m);
        await Settle(c, "2022-06-01T10:00:00", 37_755m);
        await Register(d, h2, "", "330783");
        Assert.Equal(3_150.00m, (await Ledger(h1, h2))[h2].Totals["warm_fund_pay"]);

        await Register(d, h1, "", "330783");

        var ledger = await Ledger(h1, h2);
        Assert.Equal((d, c, 0m), (Assert.Single(ledger[h1].Members.Keys), Assert.Single(ledger[h2].Members.Keys), ledger[h2].Totals["warm_fund_pay"]));
        Assert.Equal(24_150.00m, ledger[h1].Totals["psn_part_amt"]);
        await AssertReplayIsTheLedger("330783", ledger);
    }

    /// <summary>
    /// A household left with no settlement of the year clears its household levels on an adjustment of no amount
    /// of the mover's bill, written after the move. D, alone in H1, dibao from May: March 60 000 (not yet dibao:
    /// basic 5 850, self-pay 54 150), July 2 000 all in scope (basic 650, assistance 945, 405 left, which the warm
    /// fund pays: D's year is over 30 000), where H1's burden 54 150 is past the household cap's warning and the cap.
    /// D moves to C's H2: C's June leaves 29 000, all paid by the warm fund (54 150 + 29 000 − 50 000 ≥ 29 000);
    /// H1 clears its levels on D's July. D is still H2's in the replay.
    /// </summary>
    [Fact]
    public async Task A_household_left_that_clears_its_levels_on_the_movers_bill_does_not_take_the_mover_back()
    {
        var (h1, h2, c, d) = Ids();
        const string DibaoFromMay = """{"type":"dibao","begin":"2022-05-01","end":null}""";
        await Register(d, h1, DibaoFromMay, "330784");
        await Register(c, h2, Dibao, "330784");
        await Settle(d, "2022-03-01T10:00:00", 60_000m);
        await Settle(c, "2022-06-01T10:00:00", 37_755m);
        await Settle(d, "2022-07-01T10:00:00", 2_000m, scope: 2_000m);

        await Register(d, h2, DibaoFromMay, "330784");

        var ledger = await Ledger(h1, h2);
        Assert.Equal((29_405.00m, 0m), (ledger[h2].Totals["warm_fund_pay"], ledger[h2].Members[c]["psn_part_amt"]));
        Assert.Empty(ledger[h1].Members);
        var journal = await AssertReplayIsTheLedger("330784", ledger);
        // The household left's adjustment of no amount of D's July, after the move: what the replay must not follow.
        var moved = journal.FindIndex(entry => entry.Kind == "member_moved" && entry.PsnNo == d);
        Assert.Contains(journal.Skip(moved), entry => (entry.Kind, entry.PsnNo, entry.HouseholdId, entry.SetlId) == ("adjusted", d, h1, $"S-{d}-2022-07-01"));
    }

    /// <summary>A household's totals and its members' (by psn_no) as the ledger answers them for the year.</summary>
    private sealed record HouseholdFigures(Dictionary<string, decimal> Totals, Dictionary<string, Dictionary<string, decimal>> Members);

    /// <summary>
    /// Exports the region's year through the API, then: each household's baseline (and each member's) replayed
    /// from the export is the ledger's, a household the replay does not hold has nothing in the ledger, and
    /// the what-if under the unchanged policy totals the ledger and differs by exactly 0 in every row.
    /// </summary>
    private async Task<List<JournalLine>> AssertReplayIsTheLedger(string region, Dictionary<string, HouseholdFigures> ledger)
    {
        using var runner = new WhatIfRunner();
        var exported = runner.Path("journal.ndjson");
        var exit = await LedgerCli(runner, "journal", "export", "--region", region, "--year", Year.ToString(CultureInfo.InvariantCulture), "--out", exported);
        Assert.True(exit == 0, runner.Error);
        var journal = File.ReadAllText(exported);

        var input = await JournalSource.ReadAsync(exported, Year, null, CancellationToken.None);
        var (baseline, _) = PolicySets.Load(Policies, Policies);
        var replayed = Enumerable.Range(0, input.HouseholdCount).Select(input.Household)
            .ToDictionary(household => household.HouseholdId, household => (Household: household, Run: HouseholdRun.Replay(household, Year, HouseholdRun.Lookup(baseline.Catalogue))));
        Assert.True(replayed.Keys.All(ledger.ContainsKey), $"replayed households {string.Join(' ', replayed.Keys)}; journal:\n{journal}");
        foreach (var (householdId, figures) in ledger)
        {
            var members = figures.Members.Where(member => member.Value["settlement_count"] > 0).Select(member => member.Key).Order(StringComparer.Ordinal).ToList();
            if (!replayed.TryGetValue(householdId, out var replay))
            {
                Assert.True(members.Count == 0 && figures.Totals.Values.All(amount => amount == 0m), $"{householdId} is not replayed but the ledger has {Describe(figures.Totals)}; journal:\n{journal}");
                continue;
            }
            Assert.True(members.SequenceEqual(replay.Household.Members.Select(member => member.PsnNo)),
                $"{householdId}: the ledger's members {string.Join(' ', members)}, the replay's {string.Join(' ', replay.Household.Members.Select(member => member.PsnNo))}; journal:\n{journal}");
            Assert.Equal(Describe(figures.Totals), Describe(Figures(replay.Run.HouseholdYear.Totals)));
            foreach (var member in members)
            {
                Assert.Equal(Describe(figures.Members[member]), Describe(Figures(replay.Run.PersonYear(member).Totals)));
            }
        }

        exit = await runner.RunAsync("what-if", "--baseline", Policies, "--changed", Path.Combine(Policies, "jinhua-2022.yaml"),
            "--journal", exported, "--out", runner.Path("out"));
        Assert.True(exit == 0, runner.Error);
        var rows = WhatIfRunner.CsvRows(runner.Path("out"));
        foreach (var (field, _) in Payers.All)
        {
            var paid = ledger.Values.Sum(figures => figures.Totals[field]);
            Assert.Equal((Money(paid), Money(paid), "0.00"), WhatIfRunner.Row(rows, "total", "", "", field));
        }
        var numeric = rows.Skip(1).Where(row => row.Length > 6 && row[6].Length > 0).ToList();
        Assert.NotEmpty(numeric);
        Assert.All(numeric, row => Assert.True(decimal.Parse(row[6], CultureInfo.InvariantCulture) == 0m, $"difference in {string.Join(',', row)}"));
        return [.. journal.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<JournalLine>(line, ClientJson.Options)!)];
    }

    private static Dictionary<string, decimal> Figures(YearTotals totals) =>
        Payers.All.ToDictionary(payer => payer.Field, payer => payer.Amount(totals), StringComparer.Ordinal);

    private static string Describe(Dictionary<string, decimal> totals) =>
        string.Join(' ', Payers.All.Select(payer => $"{payer.Field}={Money(totals[payer.Field])}"));

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static (string H1, string H2, string C, string D) Ids()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        return ($"H1-{run}", $"H2-{run}", $"C-{run}", $"D-{run}");
    }

    private Task<int> LedgerCli(WhatIfRunner runner, params string[] args) =>
        runner.RunAsync(["--url", fixture.Silo.Url.ToString(), "--key", SiloProcess.OperatorKey, .. args]);

    private async Task Register(string psnNo, string householdId, string identities, string region)
    {
        using var http = Client(SiloProcess.FeedKey);
        var person = $$"""{"region_code":"{{region}}","household_id":"{{householdId}}","residence":"rural","insutype":"resident","identities":[{{identities}}]}""";
        using var answer = await http.PutAsync($"api/persons/{psnNo}", Json(person));
        Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>A level-3 inpatient bill with 10 000 (or <paramref name="scope"/>) in scope, the rest own-pay.</summary>
    private async Task Settle(string psnNo, string time, decimal total, decimal scope = 10_000m)
    {
        using var http = Client(SiloProcess.FeedKey);
        var settlement = $$"""{"setl_id":"S-{{psnNo}}-{{time[..10]}}","psn_no":"{{psnNo}}","setl_time":"{{time}}","med_type":"21","hosp_lv":3,"medfee_sumamt":{{total}},"inscp_scp_amt":{{scope}},"fulamt_ownpay_amt":{{total - scope}},"overlmt_selfpay":0,"preselfpay_amt":0}""";
        using var answer = await http.PostAsync("api/settlements", Json(settlement));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK && body.Contains("\"status\":\"recorded\"", StringComparison.Ordinal), body);
    }

    private async Task<Dictionary<string, HouseholdFigures>> Ledger(params string[] householdIds)
    {
        using var http = Client(SiloProcess.OperatorKey);
        var figures = new Dictionary<string, HouseholdFigures>(StringComparer.Ordinal);
        foreach (var householdId in householdIds)
        {
            using var answer = await http.GetAsync($"api/households/{householdId}?year={Year}");
            var body = await answer.Content.ReadAsStringAsync();
            if (answer.StatusCode == HttpStatusCode.NotFound && body.Contains("no household has this id", StringComparison.Ordinal))
            {
                // A household the move left empty holds no one: nothing of the year is counted there.
                figures[householdId] = new HouseholdFigures(Payers.All.ToDictionary(payer => payer.Field, _ => 0m, StringComparer.Ordinal), []);
                continue;
            }
            Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
            var view = JsonDocument.Parse(body).RootElement;
            figures[householdId] = new HouseholdFigures(Totals(view.GetProperty("totals")),
                view.GetProperty("members").EnumerateArray().ToDictionary(member => member.GetProperty("psn_no").GetString()!, member => Totals(member.GetProperty("totals")), StringComparer.Ordinal));
        }
        return figures;
    }

    private static Dictionary<string, decimal> Totals(JsonElement totals) =>
        totals.EnumerateObject().Where(field => field.Value.ValueKind == JsonValueKind.Number)
            .ToDictionary(field => field.Name, field => field.Value.GetDecimal(), StringComparer.Ordinal);

    private HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = fixture.Silo.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

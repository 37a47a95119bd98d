using System.Net;
using System.Text.Json;
using Ledger.Silo.Projections;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RegionsApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Kpis_and_monitoring_follow_a_crossing_and_name_their_populations()
    {
        var (region, psnNo) = await OnePersonOverTheLine();
        var caseworker = factory.Client(LedgerApiFactory.CaseworkerKey);

        var kpis = await Wire.Body(await caseworker.GetAsync($"/api/regions/{region}/kpis?year=2022"));
        var monitoring = await Wire.Body(await caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022&rule=return_to_poverty_risk"));
        var crossed = await Wire.Body(await caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022&level=crossed&city={region[..4]}&page_size=2&page=2"));

        Assert.Equal((1, 82_000m, 57_922.30m, 0.7064m, 0.2936m), (kpis.GetProperty("settlement_count").GetInt32(), kpis.GetProperty("medfee_sumamt").GetDecimal(),
            kpis.GetProperty("fund_pay_sumamt").GetDecimal(), kpis.GetProperty("coverage_rate").GetDecimal(), kpis.GetProperty("burden_rate").GetDecimal()));
        Assert.Equal(KpiPopulation.AnyIdentity, kpis.GetProperty("coverage_population").GetString());
        // Fujian's policy has no burden caps: no household there is in the clearance rate's population.
        Assert.Equal((0, JsonValueKind.Null), (kpis.GetProperty("high_cost_households").GetInt32(), kpis.GetProperty("high_cost_clearance_rate").ValueKind));
        var entry = Assert.Single(monitoring.GetProperty("items").EnumerateArray());
        Assert.Equal((psnNo, "crossed", 24_077.70m, 23_229m, region[..4]), (entry.GetProperty("subject_id").GetString(), entry.GetProperty("level").GetString(),
            entry.GetProperty("value").GetDecimal(), entry.GetProperty("threshold").GetDecimal(), entry.GetProperty("city_code").GetString()));
        // Three rules crossed (critical deductible, high cost, return to poverty): the second page of two holds the last.
        Assert.Equal((3, "return_to_poverty_risk"), (crossed.GetProperty("total_count").GetInt32(),
            Assert.Single(crossed.GetProperty("items").EnumerateArray()).GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task Jinhua_kpis_are_over_its_困难群众_and_clearance_counts_burdens_under_the_caps()
    {
        var region = Wire.Region("3307");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var (dibao, ordinary) = (Wire.Id("P"), Wire.Id("P"));
        const string Dibao = """{"type":"dibao","begin":"2021-01-01","end":null}""";
        await feed.PutAsync($"/api/persons/{dibao}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), Dibao, region)));
        await feed.PutAsync($"/api/persons/{ordinary}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), "", region)));
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), dibao, 300_000m, 100_000m)));
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), ordinary, 300_000m, 100_000m)));
        await factory.Services.GetRequiredService<Projector>().CatchUp();

        var kpis = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/regions/{region}/kpis?year=2022"));

        // Only the dibao member is of Jinhua's 困难群众: its household's burden was over the caps before the warm fund, and under them after.
        Assert.Equal((1, 300_000m), (kpis.GetProperty("settlement_count").GetInt32(), kpis.GetProperty("medfee_sumamt").GetDecimal()));
        Assert.StartsWith("困难群众 of ", kpis.GetProperty("coverage_population").GetString(), StringComparison.Ordinal);
        Assert.Contains("dibao", kpis.GetProperty("burden_population").GetString(), StringComparison.Ordinal);
        Assert.Equal((1, 1, 1m), (kpis.GetProperty("high_cost_households").GetInt32(), kpis.GetProperty("high_cost_cleared").GetInt32(),
            kpis.GetProperty("high_cost_clearance_rate").GetDecimal()));
        Assert.Equal(RegionKpis.HighCostPopulation, kpis.GetProperty("high_cost_clearance_population").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_back_dated_identity_change_counts_the_settlement_once_with_its_whole_amounts_where_its_latest_context_belongs(bool removed)
    {
        var region = Wire.Region("3307");
        var (feed, reader) = (factory.Client(LedgerApiFactory.FeedKey), factory.Client(LedgerApiFactory.OperatorKey));
        var (psnNo, household) = (Wire.Id("P"), Wire.Id("H"));
        const string Dibao = """{"type":"dibao","begin":"2022-01-01","end":null}""";
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(household, removed ? Dibao : "", region)));
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 100_000m, 100_000m)));
        await factory.Services.GetRequiredService<Projector>().CatchUp();
        var changed = await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(household, removed ? "" : Dibao, region)));
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        await factory.Services.GetRequiredService<Projector>().CatchUp();

        var kpis = await Wire.Body(await reader.GetAsync($"/api/regions/{region}/kpis?year=2022"));
        var totals = (await Wire.Body(await reader.GetAsync($"/api/persons/{psnNo}?year=2022"))).GetProperty("totals");

        var counted = (kpis.GetProperty("settlement_count").GetInt32(), kpis.GetProperty("medfee_sumamt").GetDecimal(),
            kpis.GetProperty("fund_pay_sumamt").GetDecimal(), kpis.GetProperty("psn_part_amt").GetDecimal());
        if (removed)
        {
            Assert.Equal((0, 0m, 0m, 0m), counted);
            Assert.Equal((JsonValueKind.Null, RegionKpis.NoSettlements), (kpis.GetProperty("coverage_rate").ValueKind, kpis.GetProperty("coverage_population").GetString()));
            return;
        }
        var (medfee, fund) = (totals.GetProperty("medfee_sumamt").GetDecimal(), totals.GetProperty("fund_pay_sumamt").GetDecimal());
        Assert.Equal((1, 100_000m, fund, totals.GetProperty("psn_part_amt").GetDecimal()), counted);
        Assert.Equal(decimal.Round(fund / medfee, 4, MidpointRounding.AwayFromZero), kpis.GetProperty("coverage_rate").GetDecimal());
        Assert.StartsWith("困难群众 of ", kpis.GetProperty("coverage_population").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_back_dated_identity_that_moves_no_money_still_counts_the_settlement_in_the_population()
    {
        var region = Wire.Region("3307");
        var (feed, reader) = (factory.Client(LedgerApiFactory.FeedKey), factory.Client(LedgerApiFactory.OperatorKey));
        var (psnNo, household, setlId) = (Wire.Id("P"), Wire.Id("H"), Wire.Id("S"));
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(household, "", region)));
        var settled = await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId, psnNo, 100m, 0m)
            .Replace("2022-03-01T10:00:00", "2023-07-10T10:00:00", StringComparison.Ordinal).Replace("\"21\"", "\"11\"", StringComparison.Ordinal)));
        Assert.True(settled.IsSuccessStatusCode, await settled.Content.ReadAsStringAsync());
        await factory.Services.GetRequiredService<Projector>().CatchUp();
        var before = await Wire.Body(await reader.GetAsync($"/api/regions/{region}/kpis?year=2023"));
        Assert.Equal((0, RegionKpis.NoSettlements), (before.GetProperty("settlement_count").GetInt32(), before.GetProperty("burden_population").GetString()));

        var changed = await feed.PutAsync($"/api/persons/{psnNo}",
            LedgerApiFactory.Json(Wire.Person(household, """{"type":"dibao","begin":"2023-01-01","end":null}""", region)));
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        await factory.Services.GetRequiredService<Projector>().CatchUp();

        // All outside the insured scope, with or without 低保: the split stands, so no adjustment is journaled.
        var kpis = await Wire.Body(await reader.GetAsync($"/api/regions/{region}/kpis?year=2023"));
        Assert.Equal((1, 100m, 0m, 100m, 1.0m), (kpis.GetProperty("settlement_count").GetInt32(), kpis.GetProperty("medfee_sumamt").GetDecimal(),
            kpis.GetProperty("fund_pay_sumamt").GetDecimal(), kpis.GetProperty("psn_part_amt").GetDecimal(), kpis.GetProperty("burden_rate").GetDecimal()));
        Assert.StartsWith("困难群众 of ", kpis.GetProperty("burden_population").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task High_cost_clearance_holds_the_members_outside_the_population_only_to_the_household_cap()
    {
        var region = Wire.Region("3307");
        var (feed, reader) = (factory.Client(LedgerApiFactory.FeedKey), factory.Client(LedgerApiFactory.OperatorKey));
        var (dibao, ordinary, household) = (Wire.Id("P"), Wire.Id("P"), Wire.Id("H"));
        const string Dibao = """{"type":"dibao","begin":"2021-01-01","end":null}""";
        await feed.PutAsync($"/api/persons/{dibao}", LedgerApiFactory.Json(Wire.Person(household, Dibao, region)));
        await feed.PutAsync($"/api/persons/{ordinary}", LedgerApiFactory.Json(Wire.Person(household, "", region)));
        var setlId = Wire.Id("S");
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId + "-1", ordinary, 60_000m, 40_000m)));
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId + "-2", dibao, 300_000m, 100_000m)));
        await factory.Services.GetRequiredService<Projector>().CatchUp();

        var kpis = await Wire.Body(await reader.GetAsync($"/api/regions/{region}/kpis?year=2022"));
        var view = await Wire.Body(await reader.GetAsync($"/api/households/{household}?year=2022"));

        // The member outside the population is over the individual cap, which the warm fund does not hold it to; the household is under its cap.
        var members = view.GetProperty("members").EnumerateArray().ToDictionary(member => member.GetProperty("psn_no").GetString()!,
            member => member.GetProperty("totals").GetProperty("psn_part_amt").GetDecimal());
        Assert.Equal((34_650m, 15_350m, 50_000m), (members[ordinary], members[dibao], view.GetProperty("caps").GetProperty("household_burden").GetDecimal()));
        Assert.Equal((1, 1), (kpis.GetProperty("high_cost_households").GetInt32(), kpis.GetProperty("high_cost_cleared").GetInt32()));
        Assert.Equal(RegionKpis.HighCostPopulation, kpis.GetProperty("high_cost_clearance_population").GetString());
    }

    /// <summary>
    /// A move counts the mover's settlements of the open years in the household joined, in the KPIs as in the
    /// ledger: A alone in H1, C alone in H2, 28 000 each out of scope, then A moves to H2, whose ledger pays 6 000
    /// from the warm fund (56 000 over the 50 000 household cap). The KPIs summed each entry into the household that
    /// wrote it and answered no high-cost household (H1 kept A's 28 000, H2 had C's).
    /// </summary>
    [Fact]
    public async Task A_movers_settlements_count_in_the_household_it_joined_in_the_clearance_rate_as_in_the_ledger()
    {
        var region = Wire.Region("3307");
        var (feed, reader) = (factory.Client(LedgerApiFactory.FeedKey), factory.Client(LedgerApiFactory.OperatorKey));
        var (mover, stayer, joined) = (Wire.Id("P"), Wire.Id("P"), Wire.Id("H"));
        const string Dibao = """{"type":"dibao","begin":"2021-01-01","end":null}""";
        await feed.PutAsync($"/api/persons/{mover}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), Dibao, region)));
        await feed.PutAsync($"/api/persons/{stayer}", LedgerApiFactory.Json(Wire.Person(joined, Dibao, region)));
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), mover, 28_000m, 0m)));
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), stayer, 28_000m, 0m, setlTime: "2022-03-02T10:00:00")));

        var moved = await feed.PutAsync($"/api/persons/{mover}", LedgerApiFactory.Json(Wire.Person(joined, Dibao, region)));
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        await factory.Services.GetRequiredService<Projector>().CatchUp();

        var view = await Wire.Body(await reader.GetAsync($"/api/households/{joined}?year=2022"));
        var kpis = await Wire.Body(await reader.GetAsync($"/api/regions/{region}/kpis?year=2022"));
        Assert.Equal(6_000m, view.GetProperty("totals").GetProperty("warm_fund_pay").GetDecimal());
        Assert.Equal((2, 56_000m, 6_000m, 50_000m), (kpis.GetProperty("settlement_count").GetInt32(), kpis.GetProperty("medfee_sumamt").GetDecimal(),
            kpis.GetProperty("fund_pay_sumamt").GetDecimal(), kpis.GetProperty("psn_part_amt").GetDecimal()));
        Assert.Equal((1, 1, 1m), (kpis.GetProperty("high_cost_households").GetInt32(), kpis.GetProperty("high_cost_cleared").GetInt32(),
            kpis.GetProperty("high_cost_clearance_rate").GetDecimal()));
        // The move's mark, in the year's export though journaled under 2021 (the oldest year H2 keeps open), and its event.
        var export = (await (await reader.GetAsync($"/api/journal?region={region}&year=2022")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        var mark = Assert.Single(export, entry => entry.GetProperty("kind").GetString() == "member_moved");
        Assert.Equal((mover, joined, 2021, "2021-01-01T00:00:00+08:00", JsonValueKind.Null, "member_moved"),
            (mark.GetProperty("psn_no").GetString(), mark.GetProperty("household_id").GetString(), mark.GetProperty("year").GetInt32(),
            mark.GetProperty("setl_time").GetString(), mark.GetProperty("setl_id").ValueKind, mark.GetProperty("events")[0].GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_however_far_past()
    {
        var (region, psnNo) = await OnePersonOverTheLine();
        var caseworker = factory.Client(LedgerApiFactory.CaseworkerKey);

        // 8 589 935 × 500 is past int.MaxValue: the offset wrapped to a small one and answered the first rows.
        var monitoring = await Wire.Body(await caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022&page=8589935&page_size=500"));
        var history = await Wire.Body(await caseworker.GetAsync($"/api/persons/{psnNo}/settlements?year=2022&page=8589935&page_size=500"));
        var last = await Wire.Body(await caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022&page={int.MaxValue}&page_size=500"));

        Assert.Equal((8589935, 3, 0), (monitoring.GetProperty("page").GetInt32(), monitoring.GetProperty("total_count").GetInt32(), monitoring.GetProperty("items").GetArrayLength()));
        Assert.Equal((8589935, 1, 0), (history.GetProperty("page").GetInt32(), history.GetProperty("total_count").GetInt32(), history.GetProperty("items").GetArrayLength()));
        Assert.Equal(0, last.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_monitoring_list_gives_the_reading_at_the_crossing_and_the_person_view_the_current_one()
    {
        var (region, psnNo) = await OnePersonOverTheLine();
        var (feed, caseworker) = (factory.Client(LedgerApiFactory.FeedKey), factory.Client(LedgerApiFactory.CaseworkerKey));
        var later = Wire.Settlement(Wire.Id("S"), psnNo, 20_000m, 20_000m).Replace("2022-03-01", "2022-04-01", StringComparison.Ordinal);
        Assert.True((await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(later))).IsSuccessStatusCode);
        await factory.Services.GetRequiredService<Projector>().CatchUp();

        var entry = Assert.Single((await Wire.Body(await caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022&rule=return_to_poverty_risk")))
            .GetProperty("items").EnumerateArray());
        var totals = (await Wire.Body(await caseworker.GetAsync($"/api/persons/{psnNo}?year=2022"))).GetProperty("totals");

        // The row stays as the crossing settlement (March's, named with its time) read the person; the person view reads April's too.
        Assert.Equal((24_077.70m, "2022-03-01T10:00:00+08:00"), (entry.GetProperty("value").GetDecimal(), entry.GetProperty("setl_time").GetString()));
        Assert.True(totals.GetProperty("psn_part_amt").GetDecimal() > 24_077.70m, totals.ToString());
    }

    [Fact]
    public async Task Region_reads_check_the_code_and_the_scope()
    {
        var caseworker = factory.Client(LedgerApiFactory.CaseworkerKey);

        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.GetAsync("/api/regions/3x/kpis")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync("/api/regions/33/kpis")).StatusCode);
        foreach (var (query, field) in new[] { ("page_size=100000", "page_size"), ("page=0", "page"), ("rule=nonsense", "rule"), ("level=open", "level"), ("city=35", "city") })
        {
            var refused = await caseworker.GetAsync($"/api/regions/35/monitoring?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await Wire.Body(refused)).GetProperty("errors").TryGetProperty(field, out _), $"{query} should name {field}");
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.GetAsync("/api/regions/35/reports/monthly?month=2022-13")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caseworker.GetAsync("/api/regions/33/reports/adjustments?month=2022-03")).StatusCode);
    }

    /// <summary>A poverty-alleviated person of a district of its own, over the return line (self-pay 24 077.70), projected.</summary>
    private async Task<(string Region, string PsnNo)> OnePersonOverTheLine()
    {
        var region = Wire.Region("35");
        var psnNo = Wire.Id("P");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), Wire.PovertyAlleviated, region)));
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 82_000m, 80_000m)));
        await factory.Services.GetRequiredService<Projector>().CatchUp();
        return (region, psnNo);
    }
}

using System.Net;
using System.Text;

namespace Ledger.Api.Tests.Reports;

/// <summary>
/// The monthly monitoring report by the policy's calendar: rows by settlement time whenever the data
/// came, statuses across months, late data marked, the same bytes when asked again, formula-safe cells.
/// </summary>
[Collection(CalendarCollection.Name)]
public sealed class MonthlyReportTests(CalendarApiFactory factory)
{
    private readonly HttpClient _feed = factory.Client(LedgerApiFactory.FeedKey);
    private readonly HttpClient _caseworker = factory.Client(LedgerApiFactory.CaseworkerKey);

    private const string Header = "\"city_code\",\"region_code\",\"psn_no\",\"household_id\",\"identities\",\"rule\",\"threshold\",\"psn_part_amt\",\"status\",\"setl_id\",\"setl_time\",\"late\"";

    [Fact]
    public async Task The_March_report_after_a_June_feed_of_March_data_lists_the_crossing_by_settlement_time_marked_late()
    {
        var region = CalendarApiFactory.Region();
        factory.Today(2022, 6, 15);
        var psnNo = await Person(region, "H-" + region);
        await Settle("S-" + region, psnNo, "2022-03-12T10:00:00", 82_000m, 80_000m);
        await factory.Projected();

        var march = await Report(region, "2022-03");
        var february = await Report(region, "2022-02");

        Assert.Equal([Header, $"\"{region[..4]}\",\"{region}\",\"{psnNo}\",\"H-{region}\",\"poverty_alleviated\",\"return_to_poverty_risk\",\"23229.00\",\"24077.70\",\"new\",\"S-{region}\",\"2022-03-12T10:00:00+08:00\",\"late\""], march);
        Assert.Equal([Header], february);
    }

    [Fact]
    public async Task New_continuing_and_exited_follow_the_month_ends_across_the_year()
    {
        var region = CalendarApiFactory.Region();
        var (first, second, third) = ($"A-{region}", $"B-{region}", $"C-{region}");
        factory.Today(2022, 11, 20);
        await Settle($"S1-{region}", await Person(region, $"HA-{region}", first), "2022-11-10T09:00:00", 82_000m, 80_000m);
        factory.Today(2022, 12, 20);
        await Settle($"S2-{region}", await Person(region, $"HB-{region}", second), "2022-12-10T09:00:00", 82_000m, 80_000m);
        factory.Today(2023, 1, 20);
        await Settle($"S3-{region}", second, "2023-01-10T09:00:00", 90_000m, 88_000m);
        await Settle($"S4-{region}", await Person(region, $"HC-{region}", third), "2023-01-11T09:00:00", 90_000m, 88_000m);
        await factory.Projected();
        factory.Today(2023, 2, 1);

        Assert.Equal([$"{first} new"], Statuses(await Report(region, "2022-11")));
        Assert.Equal([$"{first} continuing", $"{second} new"], Statuses(await Report(region, "2022-12")));
        Assert.Equal([$"{first} exited", $"{second} continuing", $"{third} new"], Statuses(await Report(region, "2023-01")));
        var summary = await Wire.Body(await _caseworker.GetAsync($"/api/regions/{region}/reports/monthly?month=2023-01&format=summary"));
        var city = Assert.Single(summary.GetProperty("cities").EnumerateArray());
        Assert.Equal((region[..4], 1, 1, 1, 0), (city.GetProperty("city_code").GetString(), city.GetProperty("new").GetInt32(),
            city.GetProperty("continuing").GetInt32(), city.GetProperty("exited").GetInt32(), city.GetProperty("late").GetInt32()));
    }

    [Fact]
    public async Task A_settlement_of_the_month_that_arrives_after_it_is_marked_late_and_the_report_is_the_same_when_asked_again()
    {
        var region = CalendarApiFactory.Region();
        factory.Today(2022, 3, 20);
        var onTime = await Person(region, $"HA-{region}", $"A-{region}");
        await Settle($"S1-{region}", onTime, "2022-03-10T09:00:00", 82_000m, 80_000m);
        await factory.Projected();
        factory.Today(2022, 4, 1);
        var atMonthEnd = await Bytes(region, "2022-03");
        factory.Today(2022, 4, 5);
        var lateComer = await Person(region, $"HB-{region}", $"B-{region}");
        await Settle($"S2-{region}", lateComer, "2022-03-25T09:00:00", 82_000m, 80_000m);
        await factory.Projected();

        var asked = await Bytes(region, "2022-03");
        var askedAgain = await Bytes(region, "2022-03");

        Assert.Equal(asked, askedAgain);
        Assert.Equal([0xEF, 0xBB, 0xBF], asked[..3]);
        var rows = Rows(asked);
        Assert.Equal([$"{onTime} ", $"{lateComer} late"], rows.Skip(1).Select(row => $"{Cells(row)[2]} {Cells(row)[11]}"));
        // The row that was there at the month's end is unchanged, byte for byte.
        Assert.Equal(Rows(atMonthEnd)[1], rows[1]);
    }

    [Fact]
    public async Task The_identities_column_reads_those_held_at_month_end_after_a_back_dated_identity()
    {
        var region = CalendarApiFactory.Region();
        factory.Today(2022, 3, 20);
        var psnNo = await Person(region, $"H-{region}", $"P-{region}");
        await Settle($"S-{region}", psnNo, "2022-03-12T10:00:00", 82_000m, 80_000m);
        factory.Today(2022, 5, 3);
        const string Dibao = """{"type":"dibao","begin":"2022-04-01","end":null}""";
        await Person(region, $"H-{region}", psnNo, $"{Wire.PovertyAlleviated},{Dibao}");
        await factory.Projected();

        Assert.Equal("poverty_alleviated", Cells(Assert.Single((await Report(region, "2022-03")).Skip(1)))[4]);
        Assert.Equal("dibao poverty_alleviated", Cells(Assert.Single((await Report(region, "2022-04")).Skip(1)))[4]);
    }

    [Fact]
    public async Task A_crossing_reversed_after_its_month_stays_in_that_months_report_marked_late_and_exits_the_month_it_was_reversed()
    {
        var region = CalendarApiFactory.Region();
        factory.Today(2022, 3, 20);
        var psnNo = await Person(region, $"H-{region}", $"P-{region}");
        await Settle($"S-{region}", psnNo, "2022-03-12T10:00:00", 82_000m, 80_000m);
        await factory.Projected();
        factory.Today(2022, 4, 1);
        var sent = await Report(region, "2022-03");
        factory.Today(2022, 4, 10);
        await Reverse($"S-{region}", psnNo);
        await factory.Projected();
        factory.Today(2022, 6, 1);

        var march = await Report(region, "2022-03");
        var april = await Report(region, "2022-04");
        var may = await Report(region, "2022-05");
        var monitoring = await Wire.Body(await _caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022"));

        // The row sent for March, as it was but for the year-to-date self-pay the reversal took back, marked late.
        Assert.EndsWith(",\"\"", sent[1], StringComparison.Ordinal);
        Assert.Equal(sent[1].Replace("\"24077.70\"", "\"0.00\"", StringComparison.Ordinal)[..^2] + "\"late\"", march[1]);
        Assert.Equal(2, march.Length);
        Assert.Equal([$"{psnNo} exited"], Statuses(april));
        Assert.Equal("", Cells(april[1])[11]);
        Assert.Equal([Header], may);
        Assert.Equal(0, monitoring.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task A_second_crossing_withdrawn_in_the_year_leaves_the_first_ones_months_as_they_were()
    {
        // S1 crosses on 12 March and is reversed on 10 April; S2 crosses again on 10 July and is reversed on
        // 10 August. Both withdrawals are kept: March and April read as they did before S2 (found by an audit:
        // one withdrawal per person, rule and year was kept, and S2's emptied March and April).
        var region = CalendarApiFactory.Region();
        factory.Today(2022, 3, 20);
        var psnNo = await Person(region, $"H-{region}", $"P-{region}");
        await Settle($"S1-{region}", psnNo, "2022-03-12T10:00:00", 82_000m, 80_000m);
        await factory.Projected();
        factory.Today(2022, 4, 1);
        var marchSent = await Report(region, "2022-03");
        factory.Today(2022, 4, 10);
        await Reverse($"S1-{region}", psnNo);
        await factory.Projected();
        factory.Today(2022, 5, 1);
        var aprilSent = await Report(region, "2022-04");
        var marchBefore = await Report(region, "2022-03");
        factory.Today(2022, 7, 20);
        await Settle($"S2-{region}", psnNo, "2022-07-10T10:00:00", 82_000m, 80_000m);
        await factory.Projected();
        factory.Today(2022, 8, 10);
        await Reverse($"S2-{region}", psnNo);
        await factory.Projected();
        factory.Today(2022, 9, 1);

        var marchAfter = await Report(region, "2022-03");
        var aprilAfter = await Report(region, "2022-04");
        var july = await Report(region, "2022-07");
        var august = await Report(region, "2022-08");

        // March: S1's row as sent, but for the year-to-date self-pay S1's reversal took back, marked late (as before S2).
        Assert.Equal(marchSent[1].Replace("\"24077.70\"", "\"0.00\"", StringComparison.Ordinal)[..^2] + "\"late\"", marchBefore[1]);
        Assert.Equal(marchBefore, marchAfter);
        Assert.Equal([$"{psnNo} exited"], Statuses(aprilSent));
        Assert.Equal(aprilSent, aprilAfter);
        Assert.Equal([$"{psnNo} new S2-{region} late"], [.. july.Skip(1).Select(row => $"{Cells(row)[2]} {Cells(row)[8]} {Cells(row)[9]} {Cells(row)[11]}")]);
        Assert.Equal([$"{psnNo} exited S2-{region} "], [.. august.Skip(1).Select(row => $"{Cells(row)[2]} {Cells(row)[8]} {Cells(row)[9]} {Cells(row)[11]}")]);
        Assert.Equal($"S1-{region}", Cells(aprilAfter[1])[9]);
    }

    [Fact]
    public async Task A_late_settlement_dated_before_the_crossing_moves_it_to_its_own_month_in_events_monitoring_and_reports()
    {
        // Fujian 2022, poverty_alleviated, rural. A level-3 stay of 82 000 (scope 80 000) on its own leaves a
        // self-pay of 24 077.70, over the return line 23 229 (1× rural income). S2 (March 20) crosses it; then
        // S1, dated February 10, arrives in April: the line is now first crossed on February 10, by S1.
        var region = CalendarApiFactory.Region();
        var (first, second) = ($"S1-{region}", $"S2-{region}");
        factory.Today(2022, 3, 25);
        var psnNo = await Person(region, "H-" + region);
        await Settle(second, psnNo, "2022-03-20T10:00:00", 82_000m, 80_000m);
        factory.Today(2022, 4, 5);
        var late = await Settle(first, psnNo, "2022-02-10T10:00:00", 82_000m, 80_000m);
        await factory.Projected();

        // The late answer carries the crossing (and the warning and the other levels S2 first reached) at S1.
        string[] atFirst = [$"threshold_warning return_to_poverty_risk 18583.2 {first} 2022-02-10", $"threshold_crossed return_to_poverty_risk 23229 {first} 2022-02-10",
            $"threshold_crossed high_cost_settlement 20000 {first} 2022-02-10", $"threshold_crossed critical_deductible_met 20329.5 {first} 2022-02-10"];
        Assert.Equal(atFirst, Levels(late.GetProperty("events")));
        var history = await Wire.Body(await _caseworker.GetAsync($"/api/persons/{psnNo}/settlements?year=2022"));
        var recorded = history.GetProperty("items").EnumerateArray().First();
        Assert.Equal((first, "recorded"), (recorded.GetProperty("setl_id").GetString(), recorded.GetProperty("kind").GetString()));
        Assert.Equal(atFirst, Levels(recorded.GetProperty("events")));
        Assert.Equal((first, "2022-02-10T10:00:00+08:00"), await ReturnRow(region));
        // S1 alone by February's end: 24 077.70; S2, re-split after the deductible S1 met, adds 24 077.70 − 12 197.70 = 11 880.
        Assert.Equal([Header, $"\"{region[..4]}\",\"{region}\",\"{psnNo}\",\"H-{region}\",\"poverty_alleviated\",\"return_to_poverty_risk\",\"23229.00\",\"24077.70\",\"new\",\"{first}\",\"2022-02-10T10:00:00+08:00\",\"late\""],
            await Report(region, "2022-02"));
        Assert.Equal([Header, $"\"{region[..4]}\",\"{region}\",\"{psnNo}\",\"H-{region}\",\"poverty_alleviated\",\"return_to_poverty_risk\",\"23229.00\",\"35957.70\",\"continuing\",\"{first}\",\"2022-02-10T10:00:00+08:00\",\"late\""],
            await Report(region, "2022-03"));

        // Reversing S1 moves the crossing back to S2, now again the first over the line (24 077.70 once more).
        var reversal = await Wire.Body(await _feed.PostAsync($"/api/settlements/{first}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{psnNo}}"}""")));
        await factory.Projected();
        Assert.Equal([$"threshold_warning return_to_poverty_risk 18583.2 {second} 2022-03-20", $"threshold_crossed return_to_poverty_risk 23229 {second} 2022-03-20",
            $"threshold_crossed high_cost_settlement 20000 {second} 2022-03-20", $"threshold_crossed critical_deductible_met 20329.5 {second} 2022-03-20"],
            Levels(reversal.GetProperty("events")));
        Assert.Equal((second, "2022-03-20T10:00:00+08:00"), await ReturnRow(region));
    }

    /// <summary>The threshold events of an answer or entry: kind, rule, threshold, and the settlement (id and date) they name.</summary>
    private static string[] Levels(System.Text.Json.JsonElement events) => [.. events.EnumerateArray()
        .Where(e => e.GetProperty("kind").GetString()!.StartsWith("threshold_", StringComparison.Ordinal))
        .Select(e => $"{e.GetProperty("kind").GetString()} {e.GetProperty("rule").GetString()} {e.GetProperty("threshold").GetDecimal()} "
            + $"{e.GetProperty("setl_id").GetString()} {e.GetProperty("setl_time").GetDateTimeOffset():yyyy-MM-dd}")];

    /// <summary>The region's return-to-poverty monitoring row: the settlement it opened at and since when.</summary>
    private async Task<(string?, string?)> ReturnRow(string region)
    {
        var page = await Wire.Body(await _caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022&rule=return_to_poverty_risk&level=crossed"));
        var row = Assert.Single(page.GetProperty("items").EnumerateArray());
        return (row.GetProperty("setl_id").GetString(), row.GetProperty("since").GetString());
    }

    [Fact]
    public async Task A_month_that_has_not_ended_in_China_is_refused_naming_when_it_can_be_asked()
    {
        var region = CalendarApiFactory.Region();
        factory.Clock.Now = new DateTimeOffset(2022, 3, 31, 15, 59, 59, TimeSpan.Zero);
        var running = await _caseworker.GetAsync($"/api/regions/{region}/reports/monthly?month=2022-03");
        var summary = await _caseworker.GetAsync($"/api/regions/{region}/reports/monthly?month=2022-04&format=summary");
        factory.Clock.Now = new DateTimeOffset(2022, 3, 31, 16, 0, 0, TimeSpan.Zero);
        var ended = await _caseworker.GetAsync($"/api/regions/{region}/reports/monthly?month=2022-03");
        var adjustments = await _caseworker.GetAsync($"/api/regions/{region}/reports/adjustments?month=2022-04");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK),
            (running.StatusCode, summary.StatusCode, ended.StatusCode, adjustments.StatusCode));
        var problem = await Wire.Body(running);
        Assert.Equal("2022-03 has not ended: its month-end report can be asked from 2022-04-01 00:00 China time (+08:00)",
            Assert.Single(problem.GetProperty("errors").GetProperty("month").EnumerateArray()).GetString());
        Assert.Equal("month: 2022-04 has not ended: its month-end report can be asked from 2022-05-01 00:00 China time (+08:00)",
            (await Wire.Body(summary)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_are_neutralised()
    {
        var region = CalendarApiFactory.Region();
        factory.Today(2022, 3, 20);
        var psnNo = await Person(region, "-2-3", $"P-{region}");
        await Settle($"S-{region}", psnNo, "2022-03-10T09:00:00", 82_000m, 80_000m);
        await factory.Projected();
        factory.Today(2022, 4, 1);

        var row = Assert.Single((await Report(region, "2022-03")).Skip(1));

        Assert.Contains(",\"'-2-3\",", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_adjustments_report_lists_the_months_re_adjudications_with_signed_payer_deltas()
    {
        var region = CalendarApiFactory.Region();
        factory.Today(2022, 4, 10);
        var psnNo = await Person(region, $"H-{region}", $"P-{region}", identities: "");
        await Settle($"S1-{region}", psnNo, "2022-03-03T10:00:00", 90_000m, 70_000m);
        await Settle($"S2-{region}", psnNo, "2022-04-03T10:00:00", 30_000m, 5_000m);
        factory.Today(2022, 5, 10);
        await Reverse($"S1-{region}", psnNo);
        await factory.Projected();

        var may = await _caseworker.GetByteArrayAsync($"/api/regions/{region}/reports/adjustments?month=2022-05");
        var april = await _caseworker.GetByteArrayAsync($"/api/regions/{region}/reports/adjustments?month=2022-04");

        // Fujian golden case: without step 1 the critical deductible is not met, step 2's critical 1 320 comes back as self-pay.
        Assert.Equal(
        [
            "\"city_code\",\"region_code\",\"setl_id\",\"psn_no\",\"household_id\",\"setl_time\",\"logged_at\",\"cause\",\"cause_id\",\"medfee_sumamt\",\"hifp_pay\",\"hifmi_pay\",\"maf_pay\",\"floor_pay\",\"supplementary_pay\",\"warm_fund_pay\",\"fund_pay_sumamt\",\"psn_part_amt\"",
            $"\"{region[..4]}\",\"{region}\",\"S2-{region}\",\"{psnNo}\",\"H-{region}\",\"2022-04-03T10:00:00+08:00\",\"2022-05-10T09:00:00+08:00\",\"reversal\",\"S1-{region}\",\"0.00\",\"0.00\",\"-1320.00\",\"0.00\",\"0.00\",\"0.00\",\"0.00\",\"-1320.00\",\"1320.00\"",
        ], Rows(may));
        Assert.Single(Rows(april));
    }

    [Fact]
    public async Task Bad_months_and_formats_are_problems_naming_the_field()
    {
        var wrongMonth = await _caseworker.GetAsync("/api/regions/35/reports/monthly?month=2022-3");
        var wrongFormat = await _caseworker.GetAsync("/api/regions/35/reports/monthly?month=2022-03&format=xlsx");
        var outside = await factory.Client(LedgerApiFactory.Caseworker3501Key).GetAsync("/api/regions/3502/reports/monthly?month=2022-03");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (wrongMonth.StatusCode, wrongFormat.StatusCode, outside.StatusCode));
        Assert.True((await Wire.Body(wrongMonth)).GetProperty("errors").TryGetProperty("month", out _));
        Assert.True((await Wire.Body(wrongFormat)).GetProperty("errors").TryGetProperty("format", out _));
    }

    private async Task<string> Person(string region, string householdId, string? psnNo = null, string identities = Wire.PovertyAlleviated)
    {
        psnNo ??= Wire.Id("P");
        var answer = await _feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, identities, region)));
        Assert.True(answer.IsSuccessStatusCode, $"registering {psnNo}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        return psnNo;
    }

    /// <summary>The feed reverses a settlement of <paramref name="psnNo"/>, and the ledger takes it (200).</summary>
    private async Task Reverse(string setlId, string psnNo) =>
        Assert.Equal(HttpStatusCode.OK, (await _feed.PostAsync($"/api/settlements/{setlId}/reversal", LedgerApiFactory.Json($$"""{"psn_no":"{{psnNo}}"}"""))).StatusCode);

    private async Task<System.Text.Json.JsonElement> Settle(string setlId, string psnNo, string setlTime, decimal total, decimal scope)
    {
        var body = Wire.Settlement(setlId, psnNo, total, scope).Replace("\"2022-03-01T10:00:00\"", $"\"{setlTime}\"", StringComparison.Ordinal);
        var answer = await _feed.PostAsync("/api/settlements", LedgerApiFactory.Json(body));
        Assert.True(answer.IsSuccessStatusCode, $"settling {setlId}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        return await Wire.Body(answer);
    }

    private async Task<byte[]> Bytes(string region, string month)
    {
        var answer = await _caseworker.GetAsync($"/api/regions/{region}/reports/monthly?month={month}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/csv", answer.Content.Headers.ContentType?.MediaType);
        return await answer.Content.ReadAsByteArrayAsync();
    }

    private async Task<string[]> Report(string region, string month) => Rows(await Bytes(region, month));

    private static string[] Rows(byte[] bytes) => Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The cells of a row whose cells hold no comma (ids and codes here).</summary>
    private static string[] Cells(string row) => [.. row.Split(',').Select(cell => cell.Trim('"'))];

    private static string[] Statuses(string[] report) => [.. report.Skip(1).Select(row => $"{Cells(row)[2]} {Cells(row)[8]}")];
}

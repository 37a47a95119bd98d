using Ledger.Client.Cli;

namespace Ledger.Client.Tests.WhatIf;

/// <summary>The command's contract: validation before any work, same bytes for the same inputs, clear usage errors.</summary>
public sealed class WhatIfCommandTests
{
    private static readonly string Case = WhatIfRunner.AssistanceCase;

    [Fact]
    public async Task A_bad_changed_policy_stops_the_run_with_the_loaders_message_before_anything_is_read()
    {
        using var runner = new WhatIfRunner();
        var changed = runner.File("fujian-2022.yaml", File.ReadAllText(Path.Combine(Case, "changed.yaml"))
            .Replace("annual_limit: { unit: yuan, value: 50000", "annual_limit: { unit: yuan, value: -5", StringComparison.Ordinal));
        // The feed is not even NDJSON: reading it would fail differently, so the message proves nothing was read.
        var feed = runner.File("settlements.ndjson", "this is not a feed\n");

        var exit = await runner.RunAsync("what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", changed,
            "--feed", feed, "--persons", Path.Combine(Case, "persons.ndjson"), "--out", runner.Path("out"));

        Assert.Equal(2, exit);
        Assert.Contains("--changed: Policy files are invalid:", runner.Error, StringComparison.Ordinal);
        Assert.Contains("fujian-2022.yaml: layers[2].annual_limit", runner.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(runner.Path("out")));
        Assert.Equal("", runner.Out);
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_bytes_except_the_timestamp_line()
    {
        using var runner = new WhatIfRunner();
        string[] Args(string output) => ["what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"),
            "--feed", Path.Combine(Case, "settlements.csv"), "--persons", Path.Combine(Case, "persons.ndjson"), "--out", runner.Path(output)];
        Assert.Equal(0, await runner.RunAsync(Args("first")));
        runner.Clock.Advance(TimeSpan.FromHours(26));
        Assert.Equal(0, await runner.RunAsync(Args("second")));

        foreach (var name in new[] { "report.html", "report.csv", "report.md" })
        {
            var (first, second) = (File.ReadAllLines(runner.Path("first", name)), File.ReadAllLines(runner.Path("second", name)));
            Assert.Equal(first.Length, second.Length);
            var differing = first.Zip(second).Where(pair => pair.First != pair.Second).ToList();
            var (before, after) = Assert.Single(differing);
            Assert.Contains("2025-01-15T17:30:00+08:00", before, StringComparison.Ordinal);
            Assert.Contains("2025-01-16T19:30:00+08:00", after, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_feed_over_two_years_asks_for_one()
    {
        using var runner = new WhatIfRunner();
        var feed = runner.File("settlements.csv", File.ReadAllText(Path.Combine(Case, "settlements.csv")) + "GS-5,GB,2023-12-31 23:00:00,11,1,10.00,10.00,0,0,0\n");
        string[] args = ["what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"),
            "--feed", feed, "--persons", Path.Combine(Case, "persons.ndjson"), "--out", runner.Path("out")];

        Assert.Equal(2, await runner.RunAsync(args));
        Assert.Contains("the settlements fall in 2023, 2024: choose one year with --year", runner.Error, StringComparison.Ordinal);

        Assert.Equal(0, await runner.RunAsync([.. args, "--year", "2024"]));
        var rows = WhatIfRunner.CsvRows(runner.Path("out"));
        Assert.Equal("1", WhatIfRunner.Row(rows, "input", "left_out", "", "settlements: not of 2024").Before);
        Assert.Equal("4", WhatIfRunner.Row(rows, "input", "", "", "settlements").Before);
    }

    [Fact]
    public async Task A_year_the_source_holds_no_settlement_of_is_a_usage_error_naming_it_and_writes_no_report()
    {
        using var runner = new WhatIfRunner();

        var exit = await runner.RunAsync("what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"),
            "--feed", Path.Combine(Case, "settlements.csv"), "--persons", Path.Combine(Case, "persons.ndjson"), "--year", "2023", "--out", runner.Path("out"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("no settlement of 2023 to replay: the source holds none of that year the ledger would accept", runner.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", runner.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(runner.Path("out", "report.csv")));
    }

    [Fact]
    public async Task Lines_it_cannot_read_are_left_out_counted_by_reason_and_the_rest_replayed()
    {
        using var runner = new WhatIfRunner();
        var csv = runner.File("settlements.csv", File.ReadAllText(Path.Combine(Case, "settlements.csv")) + "GS-6,GB,2024-05-01 10:00:00,11\n");
        var ndjson = runner.File("settlements.ndjson", string.Join('\n',
            """{"setl_id":"GS-7","psn_no":"GB","setl_time":"2024-05-02 10:00:00","med_type":"11","hosp_lv":1,"medfee_sumamt":10.00,"inscp_scp_amt":10.00}""",
            "GS-8 is not JSON",
            """{"setl_id":"GS-9","psn_no":"GB","setl_time":"2024-05-03 10:00:00","med_type":"11","hosp_lv":1,"medfee_sumamt":"ten","inscp_scp_amt":10.00}""") + "\n");
        string[] Args(string feed, string output) => ["what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"),
            "--feed", feed, "--persons", Path.Combine(Case, "persons.ndjson"), "--out", runner.Path(output)];

        Assert.Equal(0, await runner.RunAsync(Args(csv, "csv")));
        Assert.Equal(0, await runner.RunAsync(Args(ndjson, "ndjson")));

        var fromCsv = WhatIfRunner.CsvRows(runner.Path("csv"));
        Assert.Equal("1", WhatIfRunner.Row(fromCsv, "input", "left_out", "", "settlements: a CSV row that cannot be read").Before);
        Assert.Equal("4", WhatIfRunner.Row(fromCsv, "input", "", "", "settlements").Before);
        var fromNdjson = WhatIfRunner.CsvRows(runner.Path("ndjson"));
        Assert.Equal("1", WhatIfRunner.Row(fromNdjson, "input", "left_out", "", "settlements: not a JSON object").Before);
        Assert.Equal("1", WhatIfRunner.Row(fromNdjson, "input", "left_out", "", "settlements: a member has the wrong JSON type").Before);
        Assert.Equal("1", WhatIfRunner.Row(fromNdjson, "input", "", "", "settlements").Before);
    }

    [Fact]
    public async Task Persons_the_API_would_refuse_are_left_out_by_field_and_their_settlements_with_them()
    {
        using var runner = new WhatIfRunner();
        var persons = runner.File("persons.ndjson", File.ReadAllText(Path.Combine(Case, "persons.ndjson"))
            .Replace("""{"psn_no":"GA","region_code":"350102","household_id":"GH1","residence":"rural","insutype":"resident",""",
                """{"psn_no":"GA","region_code":"350102","household_id":"GH1","residence":"rural","insutype":"farmer",""", StringComparison.Ordinal)
            .Replace("""{"psn_no":"GB","region_code":"350102","household_id":"GH1",""", """{"psn_no":"GB","region_code":"350102","household_id":"GH1 x",""", StringComparison.Ordinal));

        Assert.Equal(0, await runner.RunAsync("what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"),
            "--feed", Path.Combine(Case, "settlements.csv"), "--persons", persons, "--out", runner.Path("out")));

        var rows = WhatIfRunner.CsvRows(runner.Path("out"));
        Assert.Equal("1", WhatIfRunner.Row(rows, "input", "left_out", "", "persons: a line the API would refuse (insutype)").Before);
        Assert.Equal("1", WhatIfRunner.Row(rows, "input", "left_out", "", "persons: a line the API would refuse (household_id)").Before);
        Assert.Equal("2", WhatIfRunner.Row(rows, "input", "left_out", "", "settlements: psn_no: not registered in the persons file").Before);
        Assert.Equal(("1", "2"), (WhatIfRunner.Row(rows, "input", "", "", "persons").Before, WhatIfRunner.Row(rows, "input", "", "", "settlements").Before));
        Assert.Contains("persons=1 ", runner.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persons_line_without_the_optional_fields_is_read_with_the_APIs_defaults()
    {
        using var runner = new WhatIfRunner();
        // GB without household, residence, insurance type and identities: a rural resident, a household of one.
        var persons = runner.File("persons.ndjson", File.ReadAllText(Path.Combine(Case, "persons.ndjson"))
            .Replace("""{"psn_no":"GB","region_code":"350102","household_id":"GH1","residence":"rural","insutype":"resident","identities":[]}""",
                """{"psn_no":"GB","region_code":"350102"}""", StringComparison.Ordinal));

        Assert.Equal(0, await runner.RunAsync("what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"),
            "--feed", Path.Combine(Case, "settlements.csv"), "--persons", persons, "--out", runner.Path("out")));

        var rows = WhatIfRunner.CsvRows(runner.Path("out"));
        Assert.DoesNotContain(rows, row => row[1] == "left_out");
        Assert.Equal(("3", "3", "4"), (WhatIfRunner.Row(rows, "input", "", "", "households").Before, WhatIfRunner.Row(rows, "input", "", "", "persons").Before,
            WhatIfRunner.Row(rows, "input", "", "", "settlements").Before));
    }

    [Theory]
    [InlineData("--journal", "x.ndjson", "--feed", "y.ndjson", "give either --journal FILE or --feed FILE with --persons FILE, not both")]
    [InlineData("--feed", "y.ndjson", null, null, "give --feed FILE with --persons FILE, or --journal FILE")]
    public async Task Sources_are_a_feed_with_its_persons_or_a_journal(string first, string firstValue, string? second, string? secondValue, string message)
    {
        using var runner = new WhatIfRunner();
        string[] source = second is null ? [first, firstValue] : [first, firstValue, second, secondValue!];
        var exit = await runner.RunAsync(["what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"), "--out", runner.Path("out"), .. source]);
        Assert.Equal(2, exit);
        Assert.Contains(message, runner.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_that_look_like_markup_or_formulas_stay_text_in_every_report()
    {
        using var runner = new WhatIfRunner();
        var persons = runner.File("persons.ndjson", File.ReadAllText(Path.Combine(Case, "persons.ndjson")).Replace("\"GC\"", "\"=cmd|<b>x</b>\"", StringComparison.Ordinal));
        var feed = runner.File("settlements.csv", File.ReadAllText(Path.Combine(Case, "settlements.csv")).Replace(",GC,", ",\"=cmd|<b>x</b>\",", StringComparison.Ordinal));

        Assert.Equal(0, await runner.RunAsync("what-if", "--baseline", Path.Combine(Case, "baseline"), "--changed", Path.Combine(Case, "changed.yaml"),
            "--feed", feed, "--persons", persons, "--out", runner.Path("out")));

        Assert.DoesNotContain("<b>x</b>", File.ReadAllText(runner.Path("out", "report.html")), StringComparison.Ordinal);
        Assert.Contains("=cmd|&lt;b&gt;x&lt;/b&gt;", File.ReadAllText(runner.Path("out", "report.html")), StringComparison.Ordinal);
        Assert.Contains("\"'=cmd|<b>x</b>\"", File.ReadAllText(runner.Path("out", "report.csv")), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Web;
using Ledger.Client.Cli;
using Ledger.Client.Tests.Fakes;
using Ledger.Client.WhatIf.Input;

namespace Ledger.Client.Tests.WhatIf;

/// <summary>
/// <c>ledger journal export</c> against a fake server that serves the journal-wire format, and
/// <c>ledger what-if --journal</c> on what it wrote: the golden case's settlements as the journal holds
/// them (one reversed, one re-adjudicated to another context) give the golden case's differences.
/// </summary>
public sealed class JournalWhatIfTests
{
    /// <summary>The golden case as a journal: contexts as recorded, then a reversal and an adjustment.</summary>
    private static readonly string[] Journal =
    [
        Recorded(1, "GS-1", "GA", "GH1", "350102", "2024-03-10T09:00:00+08:00", "21", 3, "141000.00", "120000.00", "21000.00", """["dibao","poverty_alleviated"]""", "rural"),
        Recorded(2, "GS-2", "GB", "GH1", "350102", "2024-04-02T10:30:00+08:00", "11", 1, "300.00", "200.00", "100.00", "[]", "rural"),
        // Recorded before the person's extreme_poverty was known; the back-dated identity re-adjudicated it (position 9).
        Recorded(3, "GS-3", "GC", "GH2", "350203", "2024-05-20T08:15:00+08:00", "14", 2, "1500.00", "1200.00", "300.00", "[]", "urban"),
        Recorded(4, "GS-9", "GB", "GH1", "350102", "2024-06-01T10:00:00+08:00", "21", 2, "50000.00", "40000.00", "10000.00", "[]", "rural"),
        Entry(5, "reversed", "GS-9", "GB", "GH1", "350102", "2024-06-01T10:00:00+08:00", "[]", "rural"),
        Recorded(6, "GS-4", "GC", "GH2", "350203", "2024-09-02T15:45:00+08:00", "11", 1, "250.00", "250.00", "0", """["extreme_poverty"]""", "urban"),
        Entry(7, "identity_changed", null, "GC", "GH2", "350203", "2024-10-01T09:00:00+08:00", """["extreme_poverty"]""", "urban"),
        Entry(9, "adjusted", "GS-3", "GC", "GH2", "350203", "2024-05-20T08:15:00+08:00", """["extreme_poverty"]""", "urban"),
    ];

    [Fact]
    public async Task A_journal_export_pages_through_the_api_and_replays_to_the_golden_differences()
    {
        var handler = new FakeHandler(request => Task.FromResult(Page(request, Journal)));
        using var runner = new WhatIfRunner();
        var exported = runner.Path("journal.ndjson");

        var exit = await Run(runner, handler, "journal", "export", "--region", "35", "--year", "2024", "--page", "3", "--out", exported);

        Assert.True(exit == 0, runner.Error);
        Assert.Equal(Journal, File.ReadAllLines(exported));
        Assert.Equal(["after=0", "after=3", "after=6", "after=9"], handler.Requests.Select(request => Query(request, "after")));
        Assert.All(handler.Requests, request => Assert.Equal(("35", "2024", "3"), (Query(request, "region")[7..], Query(request, "year")[5..], Query(request, "limit")[6..])));
        Assert.Contains("journal entries=8 pages=4 last_position=9", runner.Out, StringComparison.Ordinal);

        exit = await runner.RunAsync("what-if", "--baseline", Path.Combine(WhatIfRunner.AssistanceCase, "baseline"),
            "--changed", Path.Combine(WhatIfRunner.AssistanceCase, "changed.yaml"), "--journal", exported, "--out", runner.Path("out"));
        Assert.True(exit == 0, runner.Error);
        var expected = File.ReadAllLines(Path.Combine(WhatIfRunner.AssistanceCase, "expected.csv"));
        var sections = expected.Skip(1).Select(line => line.Split(',')[0]).ToHashSet();
        var actual = File.ReadAllText(runner.Path("out", "report.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(line => sections.Contains(line.Split(',')[0]));
        Assert.Equal(expected.Skip(1), actual);
        Assert.Equal("1", WhatIfRunner.Row(WhatIfRunner.CsvRows(runner.Path("out")), "input", "left_out", "", "journal: settlements reversed").Before);
        // Its cities are 3501 and 3502: the report names their province, a region code.
        Assert.Equal(("35", "", ""), WhatIfRunner.Row(WhatIfRunner.CsvRows(runner.Path("out")), "report", "", "", "region"));
    }

    /// <summary>
    /// GA's inpatient bill recorded before her identities were known, then her identities registered back-dated
    /// (position 8) with no adjustment journaled (as when the split stays as it was): the replay takes her
    /// identities of the bill's date from the identity change, not the stale context, so the bill is in the
    /// dibao and poverty_alleviated groups and in the assistance difference, exactly as in the golden case.
    /// Without <c>identity_periods</c> (a change journaled before the ledger kept them) its identities count from its date.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_back_dated_identity_change_after_a_settlement_gives_it_the_changed_identities(bool dated)
    {
        var periods = dated ? """[{"type":"dibao","begin":"2024-01-01","end":null},{"type":"poverty_alleviated","begin":"2023-06-01","end":null}]""" : "null";
        string[] journal =
        [
            Journal[0].Replace("""["dibao","poverty_alleviated"]""", "[]", StringComparison.Ordinal), .. Journal[1..6],
            IdentityChanged(8, "GA", "GH1", "350102", "2024-01-01T00:00:00+08:00", """["dibao","poverty_alleviated"]""", periods), .. Journal[6..],
        ];

        var rows = await WhatIfOnJournal(journal);

        var expected = File.ReadAllLines(Path.Combine(WhatIfRunner.AssistanceCase, "expected.csv")).Skip(1).Select(line => line.Split(','));
        Assert.All(expected.Where(row => row[0] is "total" or "identity"), row => Assert.Equal((row[4], row[5], row[6]), WhatIfRunner.Row(rows, row[0], row[1], row[2], row[3])));
        Assert.Equal("1", WhatIfRunner.Row(rows, "identity", "none", "", "settlement_count").Before);
    }

    /// <summary>
    /// As above, but the change counts from 2023-06-01, so the ledger journals it under 2023: the export of 2024
    /// carries it (identity changes of earlier years ride along), and the replay of 2024 reads it like one of 2024.
    /// </summary>
    [Fact]
    public async Task An_identity_change_journaled_under_the_year_before_gives_the_years_settlement_its_identities()
    {
        var periods = """[{"type":"dibao","begin":"2024-01-01","end":null},{"type":"poverty_alleviated","begin":"2023-06-01","end":null}]""";
        string[] journal =
        [
            Journal[0].Replace("""["dibao","poverty_alleviated"]""", "[]", StringComparison.Ordinal), .. Journal[1..6],
            IdentityChanged(8, "GA", "GH1", "350102", "2023-06-01T00:00:00+08:00", """["poverty_alleviated"]""", periods)
                .Replace("\"year\":2024", "\"year\":2023", StringComparison.Ordinal), .. Journal[6..],
        ];

        var rows = await WhatIfOnJournal(journal);

        var expected = File.ReadAllLines(Path.Combine(WhatIfRunner.AssistanceCase, "expected.csv")).Skip(1).Select(line => line.Split(','));
        Assert.All(expected.Where(row => row[0] is "total" or "identity"), row => Assert.Equal((row[4], row[5], row[6]), WhatIfRunner.Row(rows, row[0], row[1], row[2], row[3])));
    }

    /// <summary>
    /// A move: the household joined writes <c>member_moved</c>, then the household left writes <c>member_left</c>.
    /// The member is replayed in the household joined (its latest entry's, the household left's mark aside).
    /// </summary>
    [Fact]
    public async Task A_moved_member_is_replayed_in_the_household_it_joined_not_the_one_whose_departure_came_last()
    {
        using var runner = new WhatIfRunner();
        const string Time = "2024-03-01T10:00:00+08:00";
        var exported = runner.File("journal.ndjson", string.Concat(new[]
        {
            Recorded(1, "S-A", "MA", "MH1", "350102", Time, "21", 3, "1000", "1000", "0", "[]", "rural"),
            Recorded(2, "S-B", "MB", "MH2", "350102", Time, "21", 3, "1000", "1000", "0", "[]", "rural"),
            Entry(3, "member_moved", null, "MA", "MH2", "350102", "2023-01-01T00:00:00+08:00", "[]", "rural").Replace("\"year\":2024", "\"year\":2023", StringComparison.Ordinal),
            Entry(4, "member_left", null, "MA", "MH1", "350102", Time, "[]", "rural"),
        }.Select(line => line + "\n")));

        var input = await JournalSource.ReadAsync(exported, 2024, null, CancellationToken.None);

        var household = input.Household(Assert.Single(Enumerable.Range(0, input.HouseholdCount)));
        Assert.Equal("MH2", household.HouseholdId);
        Assert.Equal(["MA", "MB"], household.Members.Select(member => member.PsnNo).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A household left with no other settlement of the year clears its household levels on an adjustment of no
    /// amount of the mover's bill, written after the move (then its <c>member_left</c>): the member stays in the
    /// household joined (<c>WhatIfMoveEndToEndTests</c> has the ledger write it).
    /// </summary>
    [Fact]
    public async Task A_moved_member_is_replayed_in_the_household_it_joined_though_the_household_left_adjusts_its_bill_after_the_move()
    {
        using var runner = new WhatIfRunner();
        const string Time = "2024-03-01T10:00:00+08:00";
        var exported = runner.File("journal.ndjson", string.Concat(new[]
        {
            Recorded(1, "S-A", "MA", "MH1", "350102", Time, "21", 3, "1000", "1000", "0", "[]", "rural"),
            Recorded(2, "S-B", "MB", "MH2", "350102", Time, "21", 3, "1000", "1000", "0", "[]", "rural"),
            Entry(3, "member_moved", null, "MA", "MH2", "350102", "2023-01-01T00:00:00+08:00", "[]", "rural").Replace("\"year\":2024", "\"year\":2023", StringComparison.Ordinal),
            Entry(4, "adjusted", "S-A", "MA", "MH1", "350102", Time, "[]", "rural"),
            Entry(5, "member_left", null, "MA", "MH1", "350102", Time, "[]", "rural"),
        }.Select(line => line + "\n")));

        var input = await JournalSource.ReadAsync(exported, 2024, null, CancellationToken.None);

        var household = input.Household(Assert.Single(Enumerable.Range(0, input.HouseholdCount)));
        Assert.Equal("MH2", household.HouseholdId);
        Assert.Equal(["MA", "MB"], household.Members.Select(member => member.PsnNo).Order(StringComparer.Ordinal));
    }

    /// <summary>A dated identity that ended before the bill: the change's periods say so, though its identities (of the day it counts from) name dibao.</summary>
    [Fact]
    public async Task An_identity_period_that_ended_before_the_settlement_leaves_it_without_identities()
    {
        string[] journal =
        [
            Journal[0].Replace("""["dibao","poverty_alleviated"]""", "[]", StringComparison.Ordinal), .. Journal[1..6],
            IdentityChanged(8, "GA", "GH1", "350102", "2024-01-01T00:00:00+08:00", """["dibao"]""", """[{"type":"dibao","begin":"2024-01-01","end":"2024-02-29"}]"""), .. Journal[6..],
        ];

        var rows = await WhatIfOnJournal(journal);

        Assert.Equal(("2", "2", "0"), WhatIfRunner.Row(rows, "identity", "none", "", "settlement_count"));
        // Only GC's extreme_poverty bills gain from the changed assistance ratio (the golden case's 48.00).
        Assert.Equal("48.00", WhatIfRunner.Row(rows, "total", "", "", "maf_pay").Difference);
        Assert.DoesNotContain(rows, row => row[0] == "identity" && row[1] == "dibao");
    }

    [Fact]
    public async Task An_unavailable_server_is_asked_again_and_a_position_out_of_order_stops_the_export_without_a_file()
    {
        var failures = 0;
        var handler = new FakeHandler(request => Task.FromResult(Interlocked.Increment(ref failures) == 2
            ? FakeHandler.Problem(HttpStatusCode.ServiceUnavailable, "Unavailable")
            : Query(request, "after") == "after=4" ? FakeHandler.Text(HttpStatusCode.OK, Journal[1] + "\n", "application/x-ndjson")
            : Page(request, Journal)));
        using var runner = new WhatIfRunner();
        var exported = runner.Path("journal.ndjson");

        var exit = await Run(runner, handler, "journal", "export", "--region", "35", "--year", "2024", "--page", "2", "--out", exported);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("has position 2, not after 4", runner.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(exported));
        Assert.Equal(["after=0", "after=2", "after=2", "after=4"], handler.Requests.Select(request => Query(request, "after")));
    }

    [Fact]
    public async Task A_refusal_is_reported_and_not_retried()
    {
        var handler = new FakeHandler(_ => Task.FromResult(FakeHandler.Problem(HttpStatusCode.Forbidden, "Forbidden")));
        using var runner = new WhatIfRunner();

        var exit = await Run(runner, handler, "journal", "export", "--region", "35", "--year", "2024", "--out", runner.Path("journal.ndjson"));

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("GET /api/journal?region=35&year=2024&after=0&limit=10000: ", runner.Error, StringComparison.Ordinal);
        Assert.Contains("Forbidden", runner.Error, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    private static async Task<IReadOnlyList<string[]>> WhatIfOnJournal(IEnumerable<string> journal)
    {
        using var runner = new WhatIfRunner();
        var exported = runner.File("journal.ndjson", string.Concat(journal.Select(line => line + "\n")));
        var exit = await runner.RunAsync("what-if", "--baseline", Path.Combine(WhatIfRunner.AssistanceCase, "baseline"),
            "--changed", Path.Combine(WhatIfRunner.AssistanceCase, "changed.yaml"), "--journal", exported, "--out", runner.Path("out"));
        Assert.True(exit == 0, runner.Error);
        return WhatIfRunner.CsvRows(runner.Path("out"));
    }

    private static Task<int> Run(WhatIfRunner runner, FakeHandler handler, params string[] args) =>
        runner.RunAsync(handler, ["--url", "http://ledger.test", "--key", "dev-operator", .. args]);

    /// <summary>The entries after <c>after</c>, at most <c>limit</c>, as the journal endpoint answers.</summary>
    private static HttpResponseMessage Page(SeenRequest request, IReadOnlyList<string> journal)
    {
        var query = HttpUtility.ParseQueryString(new Uri("http://ledger.test" + request.PathAndQuery).Query);
        Assert.Equal("/api/journal", request.PathAndQuery.Split('?')[0]);
        Assert.Equal("dev-operator", request.ApiKey);
        var after = long.Parse(query["after"]!);
        var lines = journal.SkipWhile(line => Position(line) <= after).Take(int.Parse(query["limit"]!));
        return FakeHandler.Text(HttpStatusCode.OK, string.Concat(lines.Select(line => line + "\n")), "application/x-ndjson");
    }

    private static long Position(string line) => long.Parse(line.Split(',')[0].Split(':')[1]);

    private static string Query(SeenRequest request, string name) =>
        request.PathAndQuery.Split('?')[1].Split('&').Single(part => part.StartsWith(name + "=", StringComparison.Ordinal));

    private static string Recorded(long position, string setlId, string psnNo, string householdId, string region, string time, string medType, int level,
        string total, string scope, string ownPay, string identities, string residence) =>
        $$"""{"position":{{position}},"kind":"recorded","setl_id":"{{setlId}}","psn_no":"{{psnNo}}","household_id":"{{householdId}}","region_code":"{{region}}","year":2024,"setl_time":"{{time}}","logged_at":"{{time}}","policy_id":"fujian-2022","claim":{"med_type":"{{medType}}","hosp_lv":{{level}},"medfee_sumamt":{{total}},"inscp_scp_amt":{{scope}},"fulamt_ownpay_amt":{{ownPay}},"overlmt_selfpay":0,"preselfpay_amt":0,"hifp_pay":null,"hifmi_pay":null,"maf_pay":null},"identities":{{identities}},"residence":"{{residence}}","change":{"medfee_sumamt":{{total}}},"cause":null,"cause_id":null,"events":[]}""";

    private static string Entry(long position, string kind, string? setlId, string psnNo, string householdId, string region, string time, string identities, string residence) =>
        $$"""{"position":{{position}},"kind":"{{kind}}","setl_id":{{(setlId is null ? "null" : $"\"{setlId}\"")}},"psn_no":"{{psnNo}}","household_id":"{{householdId}}","region_code":"{{region}}","year":2024,"setl_time":"{{time}}","logged_at":"{{time}}","policy_id":"fujian-2022","claim":null,"identities":{{identities}},"residence":"{{residence}}","change":{},"cause":null,"cause_id":null,"events":[]}""";

    private static string IdentityChanged(long position, string psnNo, string householdId, string region, string time, string identities, string periods) =>
        Entry(position, "identity_changed", null, psnNo, householdId, region, time, identities, "rural").Replace("\"events\":[]}", $"\"events\":[],\"identity_periods\":{periods}}}", StringComparison.Ordinal);
}

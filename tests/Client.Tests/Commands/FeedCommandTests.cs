using System.Net;
using System.Text.Json;
using Ledger.Client.Tests.Fakes;

namespace Ledger.Client.Tests.Commands;

public sealed class FeedCommandTests
{
    [Fact]
    public async Task Feed_reports_recorded_rejected_and_malformed_lines_sends_the_rest_and_exits_1()
    {
        var ledger = new FakeLedger();
        using var cli = new CommandHarness(new FakeHandler(request => Task.FromResult(ledger.Answer(request.Body))));
        var lines = FakeLedger.Lines(10).ToList();
        lines[3] = lines[3].Replace("\"medfee_sumamt\":4.50", "\"medfee_sumamt\":-4.50");
        lines.Insert(6, "{\"setl_id\": \"S-broken\",");
        var file = cli.File("settlements.ndjson", string.Join('\n', lines) + "\n");
        var rejects = Path.Combine(cli.Directory, "rejects.ndjson");

        var exit = await cli.RunAsync("feed", file, "--batch", "3", "--rejects", rejects, "--key", "feed-key");

        Assert.True(exit == 1, cli.Error);
        Assert.Matches(@"^settlements sent=10 recorded=9 duplicate=0 rejected=1 malformed=1 unacknowledged=0 resent=0 requests=4 elapsed_seconds=[\d.]+ rate_per_second=[\d.]+\n$", cli.Out.ReplaceLineEndings("\n"));
        Assert.Contains("line 4 (S-4) refused: 400 Invalid: medfee_sumamt: must not be negative", cli.Error);
        Assert.Contains("line 7 refused: malformed line: not valid JSON", cli.Error);
        var written = File.ReadAllLines(rejects).Select(line => JsonDocument.Parse(line).RootElement).OrderBy(r => r.GetProperty("line").GetInt64()).ToList();
        Assert.Equal([4L, 7L], written.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal(-4.50m, written[0].GetProperty("input").GetProperty("medfee_sumamt").GetDecimal());
        Assert.Equal(["must not be negative"], written[0].GetProperty("error").GetProperty("errors").GetProperty("medfee_sumamt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("{\"setl_id\": \"S-broken\",", written[1].GetProperty("input").GetString());
        Assert.All(cli.Handler.Requests, r => Assert.Equal("feed-key", r.ApiKey));
    }

    /// <summary>The auditor's case: 50 of 50 lines refused (422) and the feed said it was done.</summary>
    [Fact]
    public async Task A_feed_whose_every_line_is_refused_sends_them_all_and_exits_1()
    {
        using var cli = new CommandHarness(new FakeHandler(request => Task.FromResult(FakeHandler.Text(HttpStatusCode.OK, string.Concat(
            request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => $$$$"""{"setl_id":"{{{{JsonDocument.Parse(line).RootElement.GetProperty("setl_id").GetString()}}}}","status":"rejected","error":{"title":"Unprocessable Entity","status":422,"detail":"no policy for region 350102 in 2022"}}""" + "\n")),
            "application/x-ndjson"))));
        var file = cli.File("settlements.ndjson", string.Join('\n', FakeLedger.Lines(50)) + "\n");

        var exit = await cli.RunAsync("feed", file, "--batch", "20", "--key", "feed-key");

        Assert.Equal(1, exit);
        Assert.StartsWith("settlements sent=50 recorded=0 duplicate=0 rejected=50 malformed=0 unacknowledged=0 resent=0 requests=3 ", cli.Out);
        Assert.Contains("settlements: line 1 (S-1) refused: 422 Unprocessable Entity: no policy for region 350102 in 2022", cli.Error);
        Assert.Contains("error: settlements: 50 line(s) refused", cli.Error);
    }

    [Fact]
    public async Task Feed_reads_csv_and_prints_a_json_summary()
    {
        var ledger = new FakeLedger();
        using var cli = new CommandHarness(new FakeHandler(request => Task.FromResult(ledger.Answer(request.Body))));
        var file = cli.File("settlements.csv", "setl_id,psn_no,setl_time,med_type,hosp_lv,medfee_sumamt\nS-1,P-1,2022-03-01T10:00:00,21,3,100.00\nS-2,P-1,2022-03-02T10:00:00,21,3,200.00\n");

        var exit = await cli.RunAsync("feed", file, "--json");

        Assert.True(exit == 0, cli.Error);
        var summary = JsonDocument.Parse(cli.Out).RootElement;
        Assert.Equal("settlements", summary.GetProperty("phase").GetString());
        Assert.Equal(2, summary.GetProperty("recorded").GetInt64());
        Assert.True(summary.GetProperty("completed").GetBoolean());
        Assert.Equal("""{"setl_id":"S-1","psn_no":"P-1","setl_time":"2022-03-01T10:00:00","med_type":"21","hosp_lv":3,"medfee_sumamt":100.00}""", cli.Handler.Requests.Single().Body.Split('\n')[0]);
    }

    [Fact]
    public async Task Feed_persons_posts_the_roll_as_ndjson_lines_as_read_and_retries_until_answered()
    {
        using var cli = new CommandHarness(new FakeHandler(request => Task.FromResult(request.Attempt == 1
            ? FakeHandler.Problem(HttpStatusCode.ServiceUnavailable, "Service Unavailable")
            : FakeHandler.Text(HttpStatusCode.OK, """{"psn_no":"P/1","status":"registered"}""" + "\n", "application/x-ndjson"))));
        var file = cli.File("persons.ndjson", """
            {"psn_no":"P/1","region_code":"350102","household_id":"H-1","residence":"rural","insutype":"resident","identities":[{"type":"dibao","begin":"2021-01-01","end":null}]}
            {"region_code":"350102","household_id":"H-1"}
            """);

        var exit = await cli.RunAsync("feed", "--persons", file);

        Assert.True(exit == 1, cli.Error);
        Assert.StartsWith("persons sent=1 recorded=1 duplicate=0 rejected=0 malformed=1", cli.Out);
        Assert.Contains("line 2 refused: malformed line: psn_no is missing or not a string", cli.Error);
        Assert.Equal(2, cli.Handler.Requests.Count);
        Assert.All(cli.Handler.Requests, request =>
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("/api/persons", request.PathAndQuery);
            Assert.Equal("""{"psn_no":"P/1","region_code":"350102","household_id":"H-1","residence":"rural","insutype":"resident","identities":[{"type":"dibao","begin":"2021-01-01","end":null}]}""" + "\n", request.Body);
        });
    }

    [Fact]
    public async Task Feed_without_a_key_prints_the_servers_401_and_exits_non_zero()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(
            FakeHandler.Text(HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401,"detail":"X-Api-Key is missing or unknown"}""", "application/problem+json"))));
        var file = cli.File("s.ndjson", string.Join('\n', FakeLedger.Lines(3)));

        var exit = await cli.RunAsync("feed", file);

        Assert.Equal(1, exit);
        Assert.Contains("error: settlements: POST /api/settlements: 401 Unauthorized: X-Api-Key is missing or unknown (no API key given: use --key or LEDGER_API_KEY)", cli.Error);
        Assert.Null(cli.Handler.Requests.Single().ApiKey);
    }

    [Fact]
    public async Task Feed_that_gives_up_exits_non_zero_and_counts_what_was_not_acknowledged()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => throw new HttpRequestException("Connection refused")));
        var file = cli.File("s.ndjson", string.Join('\n', FakeLedger.Lines(3)));

        var exit = await cli.RunAsync("feed", file, "--give-up-after", "30ms");

        Assert.Equal(1, exit);
        Assert.Contains("unacknowledged=3", cli.Out);
        Assert.Contains("gave up after", cli.Error);
    }

    [Fact]
    public async Task Interrupted_feed_still_prints_how_far_it_got_and_exits_130()
    {
        using var interrupt = new CancellationTokenSource();
        using var cli = new CommandHarness(new FakeHandler(request =>
        {
            if (request.Attempt == 1)
            {
                interrupt.CancelAfter(TimeSpan.FromMilliseconds(50));
            }
            return Task.FromResult(FakeHandler.Problem(HttpStatusCode.ServiceUnavailable, "Service Unavailable"));
        }));
        var file = cli.File("s.ndjson", string.Join('\n', FakeLedger.Lines(3)));

        var exit = await cli.RunAsync(interrupt.Token, "feed", file);

        Assert.Equal(130, exit);
        Assert.StartsWith("settlements sent=3 recorded=0", cli.Out);
        Assert.Contains("error: settlements: interrupted; 3 line(s) sent but not acknowledged", cli.Error);
    }

    [Fact]
    public async Task A_rejection_that_quotes_an_id_card_number_is_printed_masked()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(FakeHandler.Text(HttpStatusCode.OK,
            """{"setl_id":"S-1","status":"rejected","error":{"title":"Invalid","status":400,"errors":{"certno":["'35010219900101123X' does not match psn_no"]}}}"""))));
        var file = cli.File("s.ndjson", FakeLedger.Lines(1)[0]);

        var exit = await cli.RunAsync("feed", file);

        Assert.Equal(1, exit);
        Assert.Contains("certno: '350102********123X' does not match psn_no", cli.Error);
        Assert.DoesNotContain("35010219900101123X", cli.Error);
    }

    [Theory]
    [InlineData("--batch", "10001", "--batch: 10001 is outside 1..10000")]
    [InlineData("--connections", "0", "--connections: 0 is outside 1..64")]
    [InlineData("--give-up-after", "soon", "--give-up-after: 'soon' is not a duration")]
    public async Task Bad_options_are_refused_before_anything_is_sent(string option, string value, string message)
    {
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("nothing may be sent")));
        var file = cli.File("s.ndjson", FakeLedger.Lines(1)[0]);

        var exit = await cli.RunAsync("feed", file, option, value);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, cli.Error);
        Assert.Empty(cli.Handler.Requests);
    }

    [Fact]
    public async Task Feed_of_a_csv_with_an_unknown_column_is_a_usage_error()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("nothing may be sent")));
        var file = cli.File("s.csv", "setl_id,psn_no,amount\nS-1,P-1,1\n");

        var exit = await cli.RunAsync("feed", file);

        Assert.Equal(2, exit);
        Assert.Contains("error: line 1: unknown column(s) 'amount'", cli.Error);
    }
}

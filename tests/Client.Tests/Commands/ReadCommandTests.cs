using System.Net;
using System.Text;
using Ledger.Client.Cli;
using Ledger.Client.Tests.Fakes;

namespace Ledger.Client.Tests.Commands;

public sealed class ReadCommandTests
{
    private const string Person = """
        { "psn_no": "P-1", "household_id": "H-0001", "region_code": "350102", "residence": "rural", "insutype": "resident",
          "identities": [ { "type": "poverty_alleviated", "begin": "2021-01-01", "end": null } ], "year": 2022,
          "totals": { "medfee_sumamt": 32000.00, "inscp_scp_amt": 28000.00, "hifp_pay": 17000.00, "hifmi_pay": 1200.00, "maf_pay": 0,
                      "floor_pay": 0, "supplementary_pay": 0, "warm_fund_pay": 0, "fund_pay_sumamt": 18200.00, "psn_part_amt": 13800.00,
                      "settlement_count": 3 },
          "thresholds": [ { "rule": "return_to_poverty_risk", "level": "warning", "value": 13800.00, "threshold": 23229.00 } ],
          "psn_name": "张三丰", "certno": "350102199001011234" }
        """;

    private const string Household = """
        { "household_id": "H-0001", "region_code": "330702", "year": 2022,
          "members": [ { "psn_no": "P-1", "totals": { "medfee_sumamt": 32000.00, "fund_pay_sumamt": 18200.00, "psn_part_amt": 13800.00, "settlement_count": 3 },
                         "thresholds": [ { "rule": "return_to_poverty_risk", "level": "warning", "value": 13800, "threshold": 23229 } ] },
                       { "psn_no": "P-2", "totals": { "medfee_sumamt": 0, "settlement_count": 0 }, "thresholds": [] } ],
          "totals": { "medfee_sumamt": 32000.00, "psn_part_amt": 13800.00, "settlement_count": 3 },
          "caps": { "individual_cap": 30000, "household_cap": 50000, "household_burden": 13800.00, "household_cap_remaining": 36200.00 },
          "thresholds": [] }
        """;

    [Fact]
    public async Task Person_prints_tables_and_never_an_unmasked_name_or_id_card_number()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(FakeHandler.Text(HttpStatusCode.OK, Person))));

        var exit = await cli.RunAsync("person", "P-1", "--year", "2022");

        Assert.True(exit == 0, cli.Error);
        Assert.Equal("/api/persons/P-1?year=2022", cli.Handler.Requests.Single().PathAndQuery);
        Assert.Contains("person P-1", cli.Out);
        Assert.Contains("poverty_alleviated", cli.Out);
        Assert.Contains("13,800.00", cli.Out);
        Assert.Contains("return_to_poverty_risk", cli.Out);
        Assert.Contains("张**", cli.Out);
        Assert.Contains("350102********1234", cli.Out);
        Assert.DoesNotContain("张三丰", cli.Out);
        Assert.DoesNotContain("350102199001011234", cli.Out);
    }

    [Fact]
    public async Task Person_json_is_the_servers_json_with_personal_fields_masked()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(FakeHandler.Text(HttpStatusCode.OK, Person.Replace("张三丰", "张**").Replace("350102199001011234", "3501**********1234")))));

        var exit = await cli.RunAsync("person", "P-1", "--json");

        Assert.Equal(0, exit);
        Assert.Equal(Person.Replace("张三丰", "张**").Replace("350102199001011234", "3501**********1234").Trim(), cli.Out.Trim());
    }

    [Fact]
    public async Task Household_prints_members_and_cap_usage()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(FakeHandler.Text(HttpStatusCode.OK, Household))));

        var exit = await cli.RunAsync("household", "H-0001");

        Assert.True(exit == 0, cli.Error);
        Assert.Equal("/api/households/H-0001", cli.Handler.Requests.Single().PathAndQuery);
        Assert.Contains("household H-0001", cli.Out);
        Assert.Contains("P-2", cli.Out);
        Assert.Contains("36,200.00", cli.Out);
        Assert.Contains("return_to_poverty_risk (warning)", cli.Out);
    }

    [Fact]
    public async Task Unknown_person_prints_the_servers_problem_on_stderr()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(FakeHandler.Problem(HttpStatusCode.NotFound, "Not Found", "psn_no", "no such person"))));

        var exit = await cli.RunAsync("person", "P-404");

        Assert.Equal(1, exit);
        Assert.Equal("", cli.Out);
        Assert.Equal("error: GET /api/persons/P-404: 404 Not Found: psn_no: no such person\n", cli.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Report_downloads_the_monthly_csv_to_a_file()
    {
        const string Csv = "psn_no,household_id,rule,level,value,threshold\nP-1,H-1,return_to_poverty_risk,crossed,23500.00,23229.00\n";
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(FakeHandler.Text(HttpStatusCode.OK, Csv, "text/csv"))));
        var file = Path.Combine(cli.Directory, "march.csv");

        var exit = await cli.RunAsync("report", "--region", "3501", "--month", "2022-03", "--out", file);

        Assert.True(exit == 0, cli.Error);
        Assert.Equal("/api/regions/3501/reports/monthly?month=2022-03", cli.Handler.Requests.Single().PathAndQuery);
        Assert.Equal(Csv, File.ReadAllText(file));
        Assert.Equal($"report region=3501 month=2022-03 rows=1 file={file}\n", cli.Out.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(file + ".partial"));
    }

    /// <summary>
    /// Without --out the report goes to stdout byte for byte as the server sent it: UTF-8 with its BOM, so
    /// <c>ledger report … &gt; march.csv</c> opens in Excel with the Chinese text right, as --out's file does.
    /// </summary>
    [Fact]
    public async Task Report_prints_the_server_bytes_to_stdout_with_the_bom()
    {
        byte[] csv = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("psn_no,identities,rule\r\nP-1,低保对象,return_to_poverty_risk\r\n")];
        HttpResponseMessage Bytes() => new(HttpStatusCode.OK) { Content = new ByteArrayContent(csv) { Headers = { { "Content-Type", "text/csv; charset=utf-8" } } } };
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(Bytes())));

        var exit = await cli.RunAsync("report", "--region", "3501", "--month", "2022-03");

        Assert.True(exit == 0, cli.Error);
        Assert.Equal(csv, cli.OutBytes.ToArray());
        Assert.Equal("", cli.Out);

        // Where stdout is only a text writer, the BOM is kept as U+FEFF.
        var (output, error) = (new StringWriter(), new StringWriter());
        exit = await LedgerCommandLine.RunAsync(CliContext.Plain(output, error, () => new FakeHandler(_ => Task.FromResult(Bytes())), Quick.Retry),
            ["--url", "http://ledger.test", "report", "--region", "3501", "--month", "2022-03"]);
        Assert.True(exit == 0, error.ToString());
        Assert.Equal("\uFEFFpsn_no,identities,rule\r\nP-1,低保对象,return_to_poverty_risk\r\n", output.ToString());
    }

    /// <summary>
    /// A month-end report refused while the projections trail the journal (503, Retry-After): the problem on
    /// stderr with when to ask again, exit 1, and no file, not even a partial one.
    /// </summary>
    [Fact]
    public async Task Report_refused_while_the_projections_are_behind_prints_the_problem_and_exits_1_without_a_file()
    {
        const string Detail = "The read projections are 2712 s behind the journal (bound 60 s), as while they are rebuilt: this report would miss entries and differ when asked again. Ask again once they have caught up.";
        HttpResponseMessage Refused()
        {
            var response = FakeHandler.Text(HttpStatusCode.ServiceUnavailable,
                $$"""{ "title": "Projections behind the journal", "status": 503, "detail": "{{Detail}}" }""", "application/problem+json");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(60));
            response.Headers.Add("Ledger-Projections-Behind", "2712");
            return response;
        }
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(Refused())));
        var file = Path.Combine(cli.Directory, "march.csv");

        var exit = await cli.RunAsync("report", "--region", "3501", "--month", "2022-03", "--out", file);

        Assert.Equal(1, exit);
        Assert.Contains($"GET /api/regions/3501/reports/monthly?month=2022-03: 503 Projections behind the journal: {Detail} (ask again in 60 s)", cli.Error);
        Assert.Equal("", cli.Out);
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task Report_refuses_a_month_that_is_not_yyyy_mm()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("nothing may be sent")));

        var exit = await cli.RunAsync("report", "--region", "3501", "--month", "2022-3-1");

        Assert.Equal(2, exit);
        Assert.Contains("--month: '2022-3-1' is not a month like 2022-03", cli.Error);
    }

    /// <summary>Every region route of the silo takes 2, 4 or 6 digits; the client refuses the rest before sending.</summary>
    [Theory]
    [InlineData("watch", "3")]
    [InlineData("watch", "350")]
    [InlineData("report", "35010203")]
    [InlineData("journal", "35010")]
    public async Task A_region_the_silo_would_refuse_is_refused_before_anything_is_sent(string command, string region)
    {
        var handler = new FakeHandler(_ => throw new InvalidOperationException("nothing may be sent"));
        using var cli = new CommandHarness(handler);
        string[] args = command switch
        {
            "watch" => ["watch", "--region", region],
            "report" => ["report", "--region", region, "--month", "2022-03"],
            _ => ["journal", "export", "--region", region, "--year", "2024", "--out", Path.Combine(cli.Directory, "journal.ndjson")],
        };

        var exit = await cli.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains($"--region: '{region}' is not a region code or prefix (2, 4 or 6 digits)", cli.Error);
        Assert.Empty(handler.Requests);
    }
}

using System.Text.Json;
using Ledger.Client.Feeding;

namespace Ledger.Client.Tests.Feeding;

public sealed class FeedReaderTests
{
    private static async Task<List<FeedLine>> ReadAsync(string text, FeedFormat format)
    {
        using var reader = new StringReader(text);
        var lines = new List<FeedLine>();
        await foreach (var line in FeedFormats.ReadSettlements(reader, format, CancellationToken.None))
        {
            lines.Add(line);
        }
        return lines;
    }

    [Fact]
    public async Task Ndjson_lines_are_sent_verbatim_with_their_id_and_blank_lines_skipped()
    {
        var text = """
            {"setl_id":"S-1","psn_no":"P-1","medfee_sumamt":12000.00}

              {"setl_id":"S-2","psn_no":"P-2","medfee_sumamt":0.10}
            """;

        var lines = await ReadAsync(text, FeedFormat.Ndjson);

        Assert.Equal([1L, 3L], lines.Select(l => l.LineNumber));
        Assert.Equal(["S-1", "S-2"], lines.Select(l => l.Key));
        Assert.Equal("""{"setl_id":"S-1","psn_no":"P-1","medfee_sumamt":12000.00}""", lines[0].Text);
        Assert.All(lines, l => Assert.False(l.IsMalformed));
    }

    [Fact]
    public async Task Malformed_ndjson_line_is_reported_with_its_line_number_and_the_rest_still_read()
    {
        var text = string.Join('\n',
            """{"setl_id":"S-1"}""",
            """{"setl_id":"S-2", "medfee_sumamt": 12,}""",
            """["not","an","object"]""",
            """{"setl_id":"S-4"}""");

        var lines = await ReadAsync(text, FeedFormat.Ndjson);

        Assert.Equal(4, lines.Count);
        Assert.Equal(2, lines[1].LineNumber);
        Assert.StartsWith("not valid JSON", lines[1].Malformed);
        Assert.Equal(3, lines[2].LineNumber);
        Assert.Equal("expected a JSON object, found array", lines[2].Malformed);
        Assert.False(lines[3].IsMalformed);
        Assert.Equal("S-4", lines[3].Key);
    }

    [Fact]
    public async Task Csv_rows_become_the_json_the_api_takes_with_typed_numbers()
    {
        var text = """"
            setl_id,psn_no,mdtrt_id,setl_time,med_type,hosp_lv,medfee_sumamt,inscp_scp_amt,fulamt_ownpay_amt,overlmt_selfpay,preselfpay_amt,hifp_pay,hifmi_pay,maf_pay
            S-1,P-1,,2022-03-01T10:00:00,21,3,12000.00,10000.00,2000.00,0,0,,,
            "S-2","P,2","M ""2""",2022-03-02T10:00:00,11,1,10.5,10.5,0,0,0,5.25,0,0
            """";

        var lines = await ReadAsync(text, FeedFormat.Csv);

        Assert.Equal(2, lines.Count);
        Assert.Equal(2, lines[0].LineNumber);
        Assert.Equal("S-1", lines[0].Key);
        using var first = JsonDocument.Parse(lines[0].Text);
        Assert.Equal("""{"setl_id":"S-1","psn_no":"P-1","setl_time":"2022-03-01T10:00:00","med_type":"21","hosp_lv":3,"medfee_sumamt":12000.00,"inscp_scp_amt":10000.00,"fulamt_ownpay_amt":2000.00,"overlmt_selfpay":0,"preselfpay_amt":0}""", lines[0].Text);
        Assert.False(first.RootElement.TryGetProperty("hifp_pay", out _));
        using var second = JsonDocument.Parse(lines[1].Text);
        Assert.Equal("P,2", second.RootElement.GetProperty("psn_no").GetString());
        Assert.Equal("M \"2\"", second.RootElement.GetProperty("mdtrt_id").GetString());
        Assert.Equal(5.25m, second.RootElement.GetProperty("hifp_pay").GetDecimal());
        Assert.Equal(JsonValueKind.Number, second.RootElement.GetProperty("hosp_lv").ValueKind);
    }

    [Fact]
    public async Task Malformed_csv_rows_are_reported_with_their_line_numbers()
    {
        var text = string.Join('\n',
            "setl_id,psn_no,medfee_sumamt,hosp_lv",
            "S-1,P-1,100.00,1",
            "S-2,P-2,12,000.00,1",
            "S-3,P-3,1.2.3,1",
            "S-4,P-4,100,level one",
            "\"S-5\",\"P-5\nwith a line break\",100,1",
            "S-6,P-6,100,1");

        var lines = await ReadAsync(text, FeedFormat.Csv);

        Assert.Equal([2L, 3L, 4L, 5L, 6L, 8L], lines.Select(l => l.LineNumber));
        Assert.Null(lines[0].Malformed);
        Assert.Equal("expected 4 fields, found 5", lines[1].Malformed);
        Assert.Equal("medfee_sumamt: '1.2.3' is not an amount in yuan (digits and a decimal point)", lines[2].Malformed);
        Assert.Equal("hosp_lv: 'level one' is not an integer", lines[3].Malformed);
        Assert.Null(lines[4].Malformed);
        Assert.Equal("S-6", lines[5].Key);
    }

    [Fact]
    public async Task Csv_header_with_an_unknown_column_is_refused_naming_it()
    {
        var exception = await Assert.ThrowsAsync<FeedFormatException>(() => ReadAsync("setl_id,psn_no,medfee_sumamnt\nS-1,P-1,1\n", FeedFormat.Csv));

        Assert.Contains("'medfee_sumamnt'", exception.Message);
        Assert.StartsWith("line 1:", exception.Message);
    }

    [Fact]
    public async Task Csv_header_without_setl_id_is_refused()
    {
        var exception = await Assert.ThrowsAsync<FeedFormatException>(() => ReadAsync("psn_no,medfee_sumamt\nP-1,1\n", FeedFormat.Csv));

        Assert.Contains("setl_id", exception.Message);
    }

    [Fact]
    public async Task Csv_header_is_case_insensitive_and_ignores_a_byte_order_mark()
    {
        var lines = await ReadAsync("\uFEFFSETL_ID, Psn_No ,MEDFEE_SUMAMT\r\nS-1,P-1,3.00\r\n", FeedFormat.Csv);

        Assert.Equal("""{"setl_id":"S-1","psn_no":"P-1","medfee_sumamt":3.00}""", Assert.Single(lines).Text);
    }

    [Theory]
    [InlineData("feed.csv", FeedFormat.Auto, FeedFormat.Csv)]
    [InlineData("feed.CSV", FeedFormat.Auto, FeedFormat.Csv)]
    [InlineData("feed.ndjson", FeedFormat.Auto, FeedFormat.Ndjson)]
    [InlineData("feed.jsonl", FeedFormat.Auto, FeedFormat.Ndjson)]
    [InlineData("feed.txt", FeedFormat.Csv, FeedFormat.Csv)]
    [InlineData("-", FeedFormat.Auto, FeedFormat.Ndjson)]
    public void Format_comes_from_the_option_else_the_extension(string path, FeedFormat requested, FeedFormat expected) =>
        Assert.Equal(expected, FeedFormats.Resolve(requested, path));

    [Fact]
    public void Unknown_extension_asks_for_format()
    {
        var exception = Assert.Throws<FeedFormatException>(() => FeedFormats.Resolve(FeedFormat.Auto, "feed.txt"));

        Assert.Contains("--format", exception.Message);
    }
}

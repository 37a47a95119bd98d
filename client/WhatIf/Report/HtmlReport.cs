using System.Net;
using System.Text;
using Markdig;

namespace Ledger.Client.WhatIf.Report;

/// <summary>
/// report.html: the Markdown report rendered (Markdig) into one self-contained page with the histogram
/// drawn inline. Its content security policy forbids every fetch, so the file opens the same on a
/// machine with no network and cannot leak what it shows.
/// </summary>
public static class HtmlReport
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private const string Style = """
        body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222}
        table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}
        th,td{border:1px solid #ccc;padding:3px 8px}
        th{background:#f2f4f7}
        td{font-variant-numeric:tabular-nums}
        h2{margin-top:2rem;border-bottom:1px solid #ddd}
        code{background:#f2f4f7;padding:0 3px}
        """;

    public static string Write(WhatIfReport report)
    {
        var markdown = MarkdownReport.Write(report, HistogramSvg.Write(report.Tally.Histogram));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(WebUtility.HtmlEncode($"Policy what-if: region {report.Region}, {report.Year}")).Append("</title>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append(Markdown.ToHtml(markdown, Pipeline));
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}

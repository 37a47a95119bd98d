using System.Text;

namespace Ledger.Client.WhatIf.Report;

/// <summary>Writes report.html, report.csv and report.md into a folder (UTF-8; the CSV with a BOM so spreadsheets read Chinese right).</summary>
public static class ReportFiles
{
    public static readonly string[] Names = ["report.html", "report.csv", "report.md"];

    public static async Task WriteAsync(string directory, WhatIfReport report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var plain = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), HtmlReport.Write(report), plain, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.csv"), CsvReport.Write(report), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), MarkdownReport.Write(report), plain, cancellationToken);
    }
}

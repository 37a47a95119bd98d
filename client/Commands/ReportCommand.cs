using System.CommandLine;
using System.Globalization;
using System.Text;
using Ledger.Client.Cli;
using Ledger.Client.Http;

namespace Ledger.Client.Commands;

/// <summary><c>ledger report --region CODE --month YYYY-MM [--out FILE]</c>: the monthly monitoring CSV.</summary>
public static class ReportCommand
{
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var region = RegionOption.Create();
        var month = new Option<string>("--month") { Description = "Month, YYYY-MM.", Required = true, HelpName = "YYYY-MM" };
        var output = new Option<string?>("--out") { Description = "Write the CSV here (default: stdout).", HelpName = "FILE" };
        var command = new Command("report", "Download a region's monthly monitoring report (CSV).");
        command.Options.Add(region);
        command.Options.Add(month);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var code = RegionOption.Value(parse, region);
            var period = parse.GetValue(month)!;
            if (!DateOnly.TryParseExact(period, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new UsageException($"--month: '{period}' is not a month like 2022-03");
            }
            var server = global.Server(parse);
            using var http = LedgerHttp.Create(server, connectionsMax: 1, context.Handler?.Invoke());
            var path = $"api/regions/{LedgerHttp.Segment(code)}/reports/monthly?month={period}";
            using var response = await ApiReads.GetAsync(http, path, "text/csv", server.ApiKey is not null, cancellationToken);
            if (parse.GetValue(output) is not { } file)
            {
                // The server's bytes as they are, BOM included (as --out writes them): Excel reads a redirected
                // file without it in the local code page and garbles the Chinese text.
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await context.Out.FlushAsync(cancellationToken);
                if (context.OutBytes is { } stdout)
                {
                    await body.CopyToAsync(stdout, cancellationToken);
                    await stdout.FlushAsync(cancellationToken);
                    return ExitCodes.Ok;
                }
                using var reader = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
                await context.Out.WriteAsync(await reader.ReadToEndAsync(cancellationToken));
                await context.Out.FlushAsync(cancellationToken);
                return ExitCodes.Ok;
            }
            // Download beside the target and move it in: a failed download never leaves half a report.
            var partial = file + ".partial";
            await using (var target = File.Create(partial))
            {
                await response.Content.CopyToAsync(target, cancellationToken);
            }
            File.Move(partial, file, overwrite: true);
            var rows = -1;
            using (var reader = new StreamReader(file))
            {
                await foreach (var _ in Feeding.CsvRecords.ReadAsync(reader, cancellationToken))
                {
                    rows++;
                }
            }
            context.Out.WriteLine($"report region={code} month={period} rows={Math.Max(rows, 0)} file={file}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}

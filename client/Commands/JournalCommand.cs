using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ledger.Client.Cli;
using Ledger.Client.Http;
using Ledger.Client.Journal;

namespace Ledger.Client.Commands;

/// <summary><c>ledger journal export</c>: a region's year of journal entries, paged through the API into an NDJSON file.</summary>
public static class JournalCommand
{
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var region = RegionOption.Create();
        var year = new Option<int>("--year") { Description = "Settlement year.", Required = true };
        var output = new Option<string>("--out") { Description = "The NDJSON file to write (written whole or not at all).", Required = true, HelpName = "FILE" };
        var limit = new Option<int>("--page") { Description = $"Entries per request (1..{JournalExport.PageMax}).", DefaultValueFactory = _ => JournalExport.PageMax, HelpName = "N" };
        var export = new Command("export", "Write the journal entries of a region's year (GET /api/journal, operator role) to an NDJSON file, for `ledger what-if --journal`.");
        foreach (var option in new Option[] { region, year, output, limit })
        {
            export.Options.Add(option);
        }
        export.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var code = RegionOption.Value(parse, region);
            var page = parse.GetValue(limit);
            if (page is < 1 or > JournalExport.PageMax)
            {
                throw new UsageException($"--page: {page} is outside 1..{JournalExport.PageMax}");
            }
            var server = global.Server(parse);
            using var http = LedgerHttp.Create(server, 1, context.Handler?.Invoke());
            var exporter = new JournalExport(http, context.Retry, server.ApiKey is not null);
            var clock = Stopwatch.StartNew();
            var path = parse.GetValue(output)!;
            var summary = await PhaseProgress.RunAsync(context, "journal", "entries", null,
                progress => exporter.ExportAsync(code, parse.GetValue(year), page, path, progress, cancellationToken));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"journal entries={summary.Entries} pages={summary.Pages} last_position={summary.LastPosition} elapsed_seconds={Math.Round(clock.Elapsed.TotalSeconds, 2)} out={path}"));
            return ExitCodes.Ok;
        }, cancellationToken));
        var command = new Command("journal", "The ledger's journal.");
        command.Subcommands.Add(export);
        return command;
    }
}

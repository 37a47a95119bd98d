using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ledger.Client.Cli;
using Ledger.Client.Feeding;
using Ledger.Client.WhatIf;
using Ledger.Client.WhatIf.Input;
using Ledger.Client.WhatIf.Replay;
using Ledger.Client.WhatIf.Report;
using Ledger.Policy.Domain;
using Ledger.Shared;

namespace Ledger.Client.Commands;

/// <summary>
/// <c>ledger what-if</c>: a region's year replayed offline under the baseline policies and a changed
/// set, with report.html, report.csv and report.md of what the change costs each fund and whom it reaches.
/// </summary>
public static class WhatIfCommand
{
    public static Command Create(CliContext context)
    {
        var baseline = new Option<string>("--baseline") { Description = "The policy folder in force (policies/).", Required = true, HelpName = "DIR" };
        var changed = new Option<string>("--changed") { Description = "The changed policy folder, or one changed file (it replaces the baseline file of the same name, or of the same policy id).", Required = true, HelpName = "DIR|FILE" };
        var feed = new Option<string?>("--feed") { Description = "Settlements: NDJSON or CSV as `ledger feed` reads them (with --persons).", HelpName = "FILE" };
        var persons = new Option<string?>("--persons") { Description = "Persons NDJSON (POST /api/persons lines) for --feed.", HelpName = "FILE" };
        var journal = new Option<string?>("--journal") { Description = "A journal export (`ledger journal export`) instead of --feed and --persons.", HelpName = "FILE" };
        var format = new Option<string>("--format") { Description = "Format of --feed: auto (by extension), ndjson or csv.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "ndjson", "csv");
        var year = new Option<int?>("--year") { Description = "The year to replay (default: the only year the settlements fall in)." };
        var output = new Option<string>("--out") { Description = "Folder for report.html, report.csv and report.md.", Required = true, HelpName = "DIR" };
        var command = new Command("what-if", "Replay a region's year under the baseline and a changed policy, offline, and report what the change costs and whom it reaches.");
        foreach (var option in new Option[] { baseline, changed, feed, persons, journal, format, year, output })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var source = Source(parse.GetValue(feed), parse.GetValue(persons), parse.GetValue(journal),
                Enum.Parse<FeedFormat>(parse.GetValue(format)!, ignoreCase: true), parse.GetValue(year));
            // Validation first: a bad policy file stops the run before anything is read.
            var (policiesBefore, policiesAfter) = PolicySets.Load(parse.GetValue(baseline)!, parse.GetValue(changed)!);
            var run = new WhatIfRun(context, source, policiesBefore, policiesAfter, parse.GetValue(output)!);
            return await run.ExecuteAsync(cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static WhatIfSource Source(string? feed, string? persons, string? journal, FeedFormat format, int? year)
    {
        if (journal is not null)
        {
            return feed is null && persons is null
                ? new WhatIfSource.Journal(Existing(journal, "--journal"), year)
                : throw new UsageException("give either --journal FILE or --feed FILE with --persons FILE, not both");
        }
        return feed is not null && persons is not null
            ? new WhatIfSource.Feed(Existing(feed, "--feed"), format, Existing(persons, "--persons"), year)
            : throw new UsageException("give --feed FILE with --persons FILE, or --journal FILE");
    }

    private static string Existing(string path, string option) =>
        File.Exists(path) ? path : throw new UsageException($"{option}: the file '{path}' does not exist");
}

/// <summary>Where the settlements come from.</summary>
public abstract record WhatIfSource(int? Year)
{
    public sealed record Feed(string Settlements, FeedFormat Format, string Persons, int? Year) : WhatIfSource(Year);

    public sealed record Journal(string Path, int? Year) : WhatIfSource(Year);

    public string InputPath => this switch
    {
        Feed feed => feed.Settlements,
        Journal journal => journal.Path,
        _ => throw new InvalidOperationException(),
    };
}

/// <summary>One what-if: read, replay, write; phase times and peak memory on stdout.</summary>
internal sealed class WhatIfRun(CliContext context, WhatIfSource source, PolicySet baseline, PolicySet changed, string output)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        var size = new FileInfo(source.InputPath).Length;
        var input = await PhaseProgress.RunAsync(context, "reading", "bytes", size, progress => source switch
        {
            WhatIfSource.Feed feed => FeedSource.ReadAsync(feed.Settlements, feed.Format, feed.Persons, feed.Year, progress, cancellationToken),
            WhatIfSource.Journal journal => JournalSource.ReadAsync(journal.Path, journal.Year, progress, cancellationToken),
            _ => throw new InvalidOperationException(),
        });
        var read = clock.Elapsed;
        var readCpu = Cpu(process);
        var tally = await PhaseProgress.RunAsync(context, "replaying", "households", input.HouseholdCount,
            progress => Task.FromResult(WhatIfReplay.Run(input, baseline.Catalogue, changed.Catalogue, progress, cancellationToken)));
        var replayed = clock.Elapsed;
        var replayCpu = Cpu(process);
        var report = new WhatIfReport(input.Year, input.Tally, baseline, changed, tally, context.Time.GetUtcNow().ToOffset(ChinaTime.Offset));
        await ReportFiles.WriteAsync(output, report, cancellationToken);
        var written = clock.Elapsed;
        var fields = new (string Name, object Value)[]
        {
            ("year", input.Year), ("households", tally.Households), ("persons", tally.Persons), ("settlements", tally.Settlements),
            ("left_out", input.Tally.Skipped.Values.Sum()),
            ("read_seconds", Seconds(read)), ("replay_seconds", Seconds(replayed - read)), ("report_seconds", Seconds(written - replayed)),
            ("read_cpu_seconds", Seconds(readCpu)), ("replay_cpu_seconds", Seconds(replayCpu - readCpu)),
            ("peak_memory_mb", Peak(process) / (1024 * 1024)),
            ("gc_collections", $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"),
            ("gc_pause_seconds", Seconds(GC.GetTotalPauseDuration())), ("out", output),
        };
        context.Out.WriteLine("what-if " + string.Join(' ', fields.Select(field => $"{field.Name}={Convert.ToString(field.Value, CultureInfo.InvariantCulture)}")));
        foreach (var (field, amount) in Payers.All.Where(payer => Payers.Funds.Contains(payer.Field) || payer.Field == "psn_part_amt"))
        {
            var (before, after) = (amount(tally.Totals.Before), amount(tally.Totals.After));
            context.Out.WriteLine($"{field} before={Figures.Plain(before)} after={Figures.Plain(after)} difference={Figures.Plain(after - before)}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>CPU time of the whole process so far: on a shared machine the honest measure of the work done.</summary>
    private static TimeSpan Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private static long Peak(Process process)
    {
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    private static double Seconds(TimeSpan elapsed) => Math.Round(elapsed.TotalSeconds, 2);
}

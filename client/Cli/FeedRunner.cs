using System.Diagnostics;
using Ledger.Client.Feeding;
using Spectre.Console;

namespace Ledger.Client.Cli;

/// <summary>One phase of a feed (persons, or settlements) as the commands run it: pipeline, progress bar, summary.</summary>
public sealed record FeedPhase(string Name, ILineTarget Target, IAsyncEnumerable<FeedLine> Lines, long? TotalWeight, PipelineSettings Settings);

/// <summary>What a phase came to; <see cref="Failure"/> is set when it stopped before every line was acknowledged.</summary>
public sealed record FeedOutcome(string Name, FeedTally Tally, TimeSpan Elapsed, string? Failure)
{
    public double Rate => Elapsed.TotalSeconds > 0 ? Tally.AcknowledgedCount / Elapsed.TotalSeconds : 0;

    /// <summary>Lines the server rejected or that could not be sent (malformed): the feed goes on, and exits 1 at the end.</summary>
    public long Refused => Tally.Rejected + Tally.Malformed;
}

public static class FeedRunner
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<FeedOutcome> RunAsync(CliContext context, FeedPhase phase, RetryPolicy policy, RejectsWriter? rejects, CancellationToken cancellationToken)
    {
        var tally = new FeedTally(rejects);
        var pipeline = new FeedPipeline(phase.Target, policy, tally, phase.Settings);
        var clock = Stopwatch.StartNew();
        var run = pipeline.RunAsync(phase.Lines, cancellationToken);
        if (context.Progress is { } console)
        {
            await ShowProgressAsync(console, phase, tally, clock, run);
        }
        string? failure = null;
        try
        {
            await run;
        }
        catch (Exception exception) when (exception is FeedRefusedException or FeedGaveUpException)
        {
            failure = exception.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: still say how far the feed got.
            failure = "interrupted";
        }
        return new FeedOutcome(phase.Name, tally, clock.Elapsed, failure);
    }

    private static async Task ShowProgressAsync(IAnsiConsole console, FeedPhase phase, FeedTally tally, Stopwatch clock, Task run)
    {
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask(phase.Name, autoStart: true, maxValue: Math.Max(phase.TotalWeight ?? 1, 1));
                bar.IsIndeterminate = phase.TotalWeight is null;
                while (!run.IsCompleted)
                {
                    Update(bar, phase, tally, clock);
                    await Task.WhenAny(run, Task.Delay(RefreshInterval));
                }
                Update(bar, phase, tally, clock);
            });
    }

    private static void Update(ProgressTask bar, FeedPhase phase, FeedTally tally, Stopwatch clock)
    {
        bar.Value = Math.Min(tally.AcknowledgedWeight, bar.MaxValue);
        var rate = clock.Elapsed.TotalSeconds > 0 ? tally.AcknowledgedCount / clock.Elapsed.TotalSeconds : 0;
        var retry = tally.LastRetry is { } reason && tally.Unacknowledged > 0 ? $" [yellow]retrying: {Markup.Escape(Shorten(reason))}[/]" : "";
        bar.Description = $"{phase.Name} {tally.AcknowledgedCount:N0} acknowledged, {rate:N0}/s{retry}";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}

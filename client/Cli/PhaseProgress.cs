using System.Diagnostics;
using Spectre.Console;

namespace Ledger.Client.Cli;

/// <summary>
/// A progress bar on stderr (when it is a terminal) for work that reports how far it got: bytes read,
/// entries fetched, households replayed. With no total the bar is indeterminate and shows the count.
/// </summary>
public static class PhaseProgress
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<T> RunAsync<T>(CliContext context, string name, string unit, long? total, Func<Action<long>, Task<T>> work)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        var run = Task.Run(() => work(value => Interlocked.Exchange(ref done, value)));
        if (context.Progress is not { } console)
        {
            return await run;
        }
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask(name, autoStart: true, maxValue: Math.Max(total ?? 1, 1));
                bar.IsIndeterminate = total is null;
                while (!run.IsCompleted)
                {
                    Update(bar, name, unit, Interlocked.Read(ref done), clock);
                    await Task.WhenAny(run, Task.Delay(RefreshInterval));
                }
                Update(bar, name, unit, Interlocked.Read(ref done), clock);
            });
        return await run;
    }

    private static void Update(ProgressTask bar, string name, string unit, long done, Stopwatch clock)
    {
        bar.Value = Math.Min(done, bar.MaxValue);
        var rate = clock.Elapsed.TotalSeconds > 0 ? done / clock.Elapsed.TotalSeconds : 0;
        bar.Description = $"{name} {done:N0} {unit}, {rate:N0}/s";
    }
}

using System.Diagnostics;

namespace Ledger.Silo.Logging;

/// <summary>
/// Orleans' watchdog warns at every start "Participant check thread has not completed for 00:15:08…"
/// (or however long the machine has been up). Its platform thread starts before the component
/// thread's first timestamp is set, reads it as zero and measures the time since the monotonic clock's
/// origin: a race in <c>Watchdog.Start</c>, not a stall. A stall longer than this process has lived
/// cannot be one, so exactly those warnings are dropped; a real stall (shorter than the uptime) is
/// still written.
/// </summary>
public static class WatchdogStartupRace
{
    public const string Category = "Orleans.Runtime.Watchdog";
    public const string StallArgument = "TimeSinceLastTick";

    private static readonly long ProcessStarted = Stopwatch.GetTimestamp() - (long)((DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds * Stopwatch.Frequency);

    public static bool IsFalseAlarm<TState>(string category, TState state) =>
        category == Category && state is IReadOnlyList<KeyValuePair<string, object?>> values
        && values.Any(pair => pair.Key == StallArgument && pair.Value is TimeSpan stall && stall > Stopwatch.GetElapsedTime(ProcessStarted));
}

using System.Collections.Concurrent;

namespace Ledger.Silo.Logging;

/// <summary>
/// Wraps the console logger so that a flapping node cannot fill a disk: warnings and errors are
/// redacted (<see cref="LogRedaction"/>) and summarised per cause (<see cref="RepeatedFailures"/>), one
/// line per cause per interval with a count; Orleans' start-up false alarm is dropped
/// (<see cref="WatchdogStartupRace"/>), and what a planned start or stop is expected to write is
/// written below warning level (<see cref="PlannedTransitions"/>). Information and below pass as they are. Keeps the console
/// provider's alias, so <c>Logging:Console</c> (levels, <c>FormatterName=json</c>) applies unchanged.
/// </summary>
[ProviderAlias("Console")]
public sealed class SummarisingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    public const string SummaryTemplate = "Repeated {Count} more times in the last {IntervalSeconds} s: {Cause}";

    private readonly ILoggerProvider _inner;
    private readonly RepeatedFailures? _failures;
    private readonly ITimer? _timer;
    private readonly TimeSpan _interval;
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    /// <param name="interval">Summary interval; zero writes every entry (redacted, each with its stack trace).</param>
    /// <param name="phase">Whether the host starts or stops, for <see cref="PlannedTransitions"/>; null: always running.</param>
    public SummarisingLoggerProvider(ILoggerProvider inner, TimeProvider time, TimeSpan interval, HostPhase? phase = null)
    {
        _inner = inner;
        Phase = phase;
        _interval = interval;
        if (interval > TimeSpan.Zero)
        {
            _failures = new RepeatedFailures();
            _timer = time.CreateTimer(_ => EndInterval(), null, interval, interval);
        }
    }

    internal HostPhase? Phase { get; }

    public ILogger CreateLogger(string categoryName) => new SummarisingLogger(categoryName, Inner(categoryName), this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (_inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    internal Admission Admit(FailureCause cause, LogLevel level, bool hasException) =>
        _failures?.Admit(cause, level, hasException) ?? new Admission(true, hasException);

    /// <summary>Writes the summary line of every cause held back since the last interval ended.</summary>
    public void EndInterval()
    {
        foreach (var (cause, level, count) in _failures?.EndInterval() ?? [])
        {
            var described = cause.ExceptionTypes.Length > 0 ? $"{cause.Template} ({cause.ExceptionTypes})" : cause.Template;
            var seconds = (int)Math.Round(_interval.TotalSeconds);
            var state = new RedactedState($"Repeated {count} more times in the last {seconds} s: {described}",
            [
                new("Count", count), new("IntervalSeconds", seconds), new("Cause", described),
                new(RedactedState.TemplateKey, SummaryTemplate),
            ]);
            Inner(cause.Category).Log(level, new EventId(cause.EventId), state, null, RedactedState.Format);
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        EndInterval();
        _inner.Dispose();
    }

    private ILogger Inner(string category) => _loggers.GetOrAdd(category, _inner.CreateLogger);
}

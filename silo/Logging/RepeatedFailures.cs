namespace Ledger.Silo.Logging;

/// <summary>What makes two warnings "the same failure": where, which event, which message, which exception.</summary>
public readonly record struct FailureCause(string Category, int EventId, string Template, string ExceptionTypes);

/// <summary>Whether a warning is written now, and with its stack trace.</summary>
public readonly record struct Admission(bool Write, bool WithStackTrace);

/// <summary>One line owed for a cause at the end of an interval: how many were held back.</summary>
public readonly record struct FailureSummary(FailureCause Cause, LogLevel Level, int Count);

/// <summary>
/// Counts repeated warnings and errors per cause. The first of a cause is written at once; later ones
/// within the same interval are held back and counted, and each interval ends with one summary line
/// per cause that was held back. A cause quiet for a whole interval is written at once again. Its
/// stack trace is written the first time only: later lines carry the exception's type and message.
/// </summary>
public sealed class RepeatedFailures
{
    /// <summary>Causes remembered at once; past this the memory starts again (stack traces included).</summary>
    public const int CausesMax = 1_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<FailureCause, (int Count, LogLevel Highest)> _open = [];
    private readonly HashSet<FailureCause> _stackTraceWritten = [];

    public Admission Admit(FailureCause cause, LogLevel level, bool hasException)
    {
        lock (_lock)
        {
            if (_open.TryGetValue(cause, out var held))
            {
                _open[cause] = (held.Count + 1, level > held.Highest ? level : held.Highest);
                return new Admission(false, false);
            }
            if (_open.Count >= CausesMax || _stackTraceWritten.Count >= CausesMax)
            {
                _open.Clear();
                _stackTraceWritten.Clear();
            }
            _open[cause] = (0, LogLevel.Trace);
            return new Admission(true, hasException && _stackTraceWritten.Add(cause));
        }
    }

    /// <summary>Ends an interval: a summary for each cause held back, and forgets the causes that went quiet.</summary>
    public IReadOnlyList<FailureSummary> EndInterval()
    {
        lock (_lock)
        {
            var summaries = new List<FailureSummary>();
            foreach (var (cause, held) in _open.ToList())
            {
                if (held.Count == 0)
                {
                    _open.Remove(cause);
                    continue;
                }
                summaries.Add(new FailureSummary(cause, held.Highest, held.Count));
                _open[cause] = (0, LogLevel.Trace);
            }
            return summaries;
        }
    }
}

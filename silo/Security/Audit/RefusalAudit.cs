using System.Globalization;

namespace Ledger.Silo.Security.Audit;

/// <summary>
/// Audits the requests refused before an endpoint runs (authorization's 401 and 403, the rate
/// limiter's 429, a query ASP.NET cannot bind or that repeats a parameter): one line, as
/// <see cref="AuditFilter"/> writes for answered ones, recorded before the refusal is written. A known
/// key's refusals are recorded under its id. Without a key (or with an unknown one) there is no one to
/// name: those lines go under <see cref="UnknownKeyId"/>, at most
/// <see cref="AuditOptions.UnknownKeyLinesPerSecond"/> a second per silo so that anonymous traffic
/// cannot flood the trail. A known key's 429s are bounded the same way, to
/// <see cref="AuditOptions.RateLimitedLinesPerSecond"/> a second per key and silo: a client far over
/// its rate must not turn each refused request into a database write, which the limit is there to
/// spare. In both cases the next line recorded says how many were left out.
/// </summary>
public sealed class RefusalAudit(IAuditTrail trail, TimeProvider time, AuditOptions options)
{
    /// <summary>The key id of lines without a known key; outside the id character set, so no configured key has it.</summary>
    public const string UnknownKeyId = "(unknown)";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public async Task Record(HttpContext http, int status)
    {
        if (!AuditFilter.MarkRecorded(http))
        {
            return;
        }
        var at = time.GetUtcNow();
        var outcome = status.ToString(CultureInfo.InvariantCulture);
        var keyId = Caller.Of(http.User)?.KeyId;
        var budget = keyId is null ? options.UnknownKeyLinesPerSecond
            : status == StatusCodes.Status429TooManyRequests ? options.RateLimitedLinesPerSecond
            : (int?)null;
        keyId ??= UnknownKeyId;
        if (budget is { } linesPerSecond)
        {
            var leftOut = Admit(keyId, linesPerSecond, at);
            if (leftOut is null)
            {
                return;
            }
            outcome = leftOut == 0 ? outcome : $"{outcome} (and {leftOut} more not recorded)";
        }
        await trail.Record([new AuditEntry(at, keyId, AuditFilter.ActionOf(http), AuditSubject.Of(http), outcome)], CancellationToken.None);
    }

    /// <summary>Null when this second's budget of the key's lines is spent; else how many were left out before this one.</summary>
    private long? Admit(string keyId, int linesPerSecond, DateTimeOffset at)
    {
        lock (_gate)
        {
            var window = _windows.GetValueOrDefault(keyId) ?? (_windows[keyId] = new Window());
            if (at - window.Start >= TimeSpan.FromSeconds(1))
            {
                (window.Start, window.Lines) = (at, 0);
            }
            if (window.Lines >= linesPerSecond)
            {
                window.LeftOut++;
                return null;
            }
            window.Lines++;
            var leftOut = window.LeftOut;
            window.LeftOut = 0;
            return leftOut;
        }
    }

    /// <summary>A key's current second: its start, the lines recorded in it, and those left out since the last recorded.</summary>
    private sealed class Window
    {
        public DateTimeOffset Start = DateTimeOffset.MinValue;
        public int Lines;
        public long LeftOut;
    }
}

/// <summary><c>Ledger:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Ledger:Audit";

    /// <summary>Lines a silo records per second for requests refused without a known key (401, and 429 of anonymous callers).</summary>
    public int UnknownKeyLinesPerSecond { get; set; } = 1;

    /// <summary>Lines a silo records per second for one known key's requests refused by the rate limiter (429).</summary>
    public int RateLimitedLinesPerSecond { get; set; } = 1;
}

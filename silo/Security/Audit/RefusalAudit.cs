using System.Globalization;

namespace Ledger.Silo.Security.Audit;

/// <summary>
/// Audits the requests refused before an endpoint runs (authorization's 401 and 403, the rate
/// limiter's 429, a query ASP.NET cannot bind or that repeats a parameter): one line, as
/// <see cref="AuditFilter"/> writes for answered ones, recorded before the refusal is written. A known
/// key's refusals are each recorded under its id. Without a key (or with an unknown one) there is no
/// one to name: those lines go under <see cref="UnknownKeyId"/>, at most
/// <see cref="AuditOptions.UnknownKeyLinesPerSecond"/> a second per silo so that anonymous traffic
/// cannot flood the trail; the next line recorded says how many were left out.
/// </summary>
public sealed class RefusalAudit(IAuditTrail trail, TimeProvider time, AuditOptions options)
{
    /// <summary>The key id of lines without a known key; outside the id character set, so no configured key has it.</summary>
    public const string UnknownKeyId = "(unknown)";

    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _windowLines;
    private long _leftOut;

    public async Task Record(HttpContext http, int status)
    {
        if (!AuditFilter.MarkRecorded(http))
        {
            return;
        }
        var at = time.GetUtcNow();
        var outcome = status.ToString(CultureInfo.InvariantCulture);
        var keyId = Caller.Of(http.User)?.KeyId;
        if (keyId is null)
        {
            var leftOut = Admit(at);
            if (leftOut is null)
            {
                return;
            }
            keyId = UnknownKeyId;
            outcome = leftOut == 0 ? outcome : $"{outcome} (and {leftOut} more not recorded)";
        }
        await trail.Record([new AuditEntry(at, keyId, AuditFilter.ActionOf(http), AuditSubject.Of(http), outcome)], CancellationToken.None);
    }

    /// <summary>Null when this second's budget of unknown-key lines is spent; else how many were left out before this one.</summary>
    private long? Admit(DateTimeOffset at)
    {
        lock (_gate)
        {
            if (at - _windowStart >= TimeSpan.FromSeconds(1))
            {
                (_windowStart, _windowLines) = (at, 0);
            }
            if (_windowLines >= options.UnknownKeyLinesPerSecond)
            {
                _leftOut++;
                return null;
            }
            _windowLines++;
            var leftOut = _leftOut;
            _leftOut = 0;
            return leftOut;
        }
    }
}

/// <summary><c>Ledger:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Ledger:Audit";

    /// <summary>Lines a silo records per second for requests refused without a known key (401, and 429 of anonymous callers).</summary>
    public int UnknownKeyLinesPerSecond { get; set; } = 1;
}

namespace Ledger.Silo.Security.Limits;

/// <summary><c>Ledger:RateLimit</c>: requests per key (anonymous requests: per client address).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Ledger:RateLimit";

    /// <summary>Sustained requests per second of one key; a key's own <c>RequestsPerSecond</c> overrides it.</summary>
    public int RequestsPerSecond { get; set; } = 500;

    /// <summary>Seconds of requests a quiet key may send at once (the token bucket's size).</summary>
    public int BurstSeconds { get; set; } = 2;
}

/// <summary><c>Ledger:Streams</c>: bounds on the event streams.</summary>
public sealed class StreamOptions
{
    public const string Section = "Ledger:Streams";

    /// <summary>Event streams one key may hold open on one silo.</summary>
    public int PerKeyMax { get; set; } = 8;

    /// <summary>Event streams one silo serves at once.</summary>
    public int SiloMax { get; set; } = 512;

    /// <summary>
    /// Log positions a resuming stream may replay (Last-Event-ID this far behind the head, or no longer
    /// in the log, answers 410: re-read the state, then watch from now).
    /// </summary>
    public long ReplayDepthMax { get; set; } = 100_000;
}

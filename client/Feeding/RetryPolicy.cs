namespace Ledger.Client.Feeding;

/// <summary>
/// Exponential backoff with jitter, capped, for as long as it takes (or until <see cref="GiveUpAfter"/>).
/// The jitter keeps many feeders from hammering a silo that has just come back in lock step.
/// </summary>
public sealed record RetryPolicy
{
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan DelayMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A server's Retry-After is honoured up to this.</summary>
    public TimeSpan RetryAfterMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long lines may stay unacknowledged before the feed gives up; null = never.</summary>
    public TimeSpan? GiveUpAfter { get; init; }

    /// <summary>How long one request may take before it counts as failed and is resent.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The pause after the <paramref name="failures"/>-th failure in a row (1-based).</summary>
    public TimeSpan Delay(int failures, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(Math.Max(failures - 1, 0), 30);
        var ceiling = Math.Min(DelayMax.TotalMilliseconds, InitialDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // "Equal jitter": half fixed so a retry never comes at once, half random to spread the herd.
        var delay = TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < RetryAfterMax ? asked : RetryAfterMax;
        }
        return delay;
    }
}

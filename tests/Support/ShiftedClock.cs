namespace Ledger.Tests.Support;

/// <summary>
/// The silo's one clock in cluster tests: it starts at a chosen instant and runs at the real rate.
/// Orleans' own timers read the same <see cref="TimeProvider"/>, so a frozen clock
/// (<c>FakeTimeProvider</c>) would stop grain timers and stream pulling agents; this one only moves
/// the ledger's calendar to a known date.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + System.GetElapsedTime(_started);
}

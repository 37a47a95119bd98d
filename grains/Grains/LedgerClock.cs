namespace Ledger.Grains;

/// <summary>
/// The ledger's own clock (event times, "no future settlements"). Separate from the silo's
/// <see cref="TimeProvider"/> so tests can fix the ledger's date without freezing Orleans' timers.
/// </summary>
public sealed record LedgerClock(TimeProvider Time)
{
    public DateTimeOffset Now => Time.GetUtcNow();
}

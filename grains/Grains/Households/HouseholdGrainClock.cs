namespace Ledger.Grains.Households;

/// <summary>
/// <c>clock.Now</c> as <c>HouseholdGrain.Views.cs</c> reads the grain's <see cref="TimeProvider"/>,
/// the one clock of the ledger. A bridge only: once that file says <c>clock.GetUtcNow()</c>, this goes.
/// </summary>
internal static class HouseholdGrainClock
{
    extension(TimeProvider clock)
    {
        public DateTimeOffset Now => clock.GetUtcNow();
    }
}

namespace Ledger.Policy.Domain;

/// <summary>The settlement year is the calendar year in China time (+08:00), whatever offset was sent.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Date(DateTimeOffset time) => DateOnly.FromDateTime(time.ToOffset(Offset).DateTime);
}

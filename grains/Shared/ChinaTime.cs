using System.Globalization;

namespace Ledger.Shared;

/// <summary>
/// The ledger's calendar is China time (+08:00) whatever offset a time was sent with: a settlement's
/// year and month, "today", and the times the client prints all read on this calendar. A time sent
/// without an offset is China time (API.md), never the reading machine's local time.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>
    /// ISO 8601 / RFC 3339 date-times only (the national platform writes a space for the T), with or
    /// without fractions and offset: no locale-dependent or partial forms such as "2024/03/01 10:00".
    /// </summary>
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK",
    ];

    /// <summary>The same instant as seen on a clock in China.</summary>
    public static DateTimeOffset Of(DateTimeOffset time) => time.ToOffset(Offset);

    /// <summary>The calendar date in China at that instant.</summary>
    public static DateOnly Date(DateTimeOffset time) => DateOnly.FromDateTime(Of(time).DateTime);

    /// <summary>Today's date in China by the given clock.</summary>
    public static DateOnly Today(TimeProvider time) => Date(time.GetUtcNow());

    /// <summary>Reads a time as the API does: one of <see cref="Formats"/>, China time when it has no offset.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }
        try
        {
            time = parsed.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(parsed, Offset)
                : DateTimeOffset.ParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // 0001-01-01T00:00 in China is before the first representable UTC instant.
            return false;
        }
    }
}

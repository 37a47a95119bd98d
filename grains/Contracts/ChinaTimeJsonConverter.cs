using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Contracts;

/// <summary>
/// API.md: a time without an offset is China time (+08:00). System.Text.Json would read it as the
/// server's local time, which is wrong on any machine not set to Beijing.
/// </summary>
public sealed class ChinaTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>
    /// ISO 8601 / RFC 3339 date-times only (the national platform writes a space for the T), with or
    /// without fractions and offset: no locale-dependent or partial forms such as "2024/03/01 10:00".
    /// </summary>
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK",
    ];

    /// <summary>The reason a feed reads (WireJson names the field).</summary>
    public const string NotATime = "must be an ISO 8601 time (China time when it has no offset)";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The messages never quote the value: what a feed put in the wrong field may be personal data.
        var text = reader.GetString() ?? throw new JsonException(NotATime);
        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new JsonException(NotATime);
        }
        try
        {
            return parsed.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(parsed, ChinaOffset)
                : DateTimeOffset.ParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None);
        }
        catch (ArgumentOutOfRangeException)
        {
            // 0001-01-01T00:00 in China is before the first representable UTC instant.
            throw new JsonException(NotATime);
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToOffset(ChinaOffset).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
}

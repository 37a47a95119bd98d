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

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("a time is required");
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new JsonException($"'{text}' is not an ISO 8601 time");
        }
        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, ChinaOffset)
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToOffset(ChinaOffset).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
}

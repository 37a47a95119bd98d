using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Shared;

/// <summary>
/// Times on the wire as API.md has them: read by <see cref="ChinaTime.TryParse"/> (System.Text.Json
/// would read an offset-less time as the server's local time), written in China time.
/// </summary>
public sealed class ChinaTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The reason a feed reads (WireJson names the field).</summary>
    public const string NotATime = "must be an ISO 8601 time (China time when it has no offset)";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The messages never quote the value: what a feed put in the wrong field may be personal data.
        var text = reader.GetString() ?? throw new JsonException(NotATime);
        return ChinaTime.TryParse(text, out var time) ? time : throw new JsonException(NotATime);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ChinaTime.Of(value).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
}

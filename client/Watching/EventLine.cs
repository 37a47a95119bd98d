using System.Globalization;
using System.Text.Json;
using Ledger.Shared;

namespace Ledger.Client.Watching;

/// <summary>
/// One event as one line: time (China time), kind, rule, subject, value/threshold. Events carry ids
/// and amounts, never names or ID-card numbers. The time is the event's <c>setl_time</c> (when the money
/// moved, as the silo's events and reports go by), or its <c>logged_at</c> (when the ledger learned it) if
/// it has none; "-" only when it has neither.
/// </summary>
public static class EventLine
{
    public static string Format(ServerSentEvent received)
    {
        try
        {
            using var document = JsonDocument.Parse(received.Data);
            var data = document.RootElement;
            var time = (Text(data, "setl_time") ?? Text(data, "logged_at")) is { } at && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, out var parsed)
                ? ChinaTime.Of(parsed).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
                : "-";
            var kind = Text(data, "kind") ?? received.Event;
            var rule = Text(data, "rule") ?? "-";
            var level = Text(data, "level") is { } named ? $" ({named})" : "";
            var subject = $"{Text(data, "subject_type") ?? "-"} {Text(data, "subject_id") ?? "-"}";
            var household = Text(data, "household_id") is { } id && Text(data, "subject_type") != "household" ? $" household {id}" : "";
            return $"{time}  {kind,-18} {rule + level,-36} {subject}{household}  {Amount(data, "value")}/{Amount(data, "threshold")}";
        }
        catch (JsonException)
        {
            return $"{received.Event} {received.Data.ReplaceLineEndings(" ")}";
        }
    }

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Amount(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.TryGetDecimal(out var amount)
            ? amount.ToString("0.00", CultureInfo.InvariantCulture)
            : "-";
}

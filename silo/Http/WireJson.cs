using Ledger.Policy.Domain;
using System.Text.Json;
using Ledger.Contracts;
using Ledger.Contracts.Settlements;

namespace Ledger.Silo.Http;

/// <summary>
/// Reads one JSON object of the wire contract, turning every parse failure (broken JSON, wrong type,
/// unknown or missing field) into a rejection naming the field, never an exception.
/// </summary>
public static partial class WireJson
{
    /// <summary>Reads <paramref name="json"/>; <paramref name="line"/> is its line in the request body (a batch's line), for the error.</summary>
    public static (T? Value, Rejection? Error) Parse<T>(ReadOnlySpan<byte> json, int line = 1) where T : class
    {
        try
        {
            EnsureWellFormed(json);
            var value = JsonSerializer.Deserialize<T>(json, LedgerJson.Options);
            return value is null ? (null, Invalid("body", "must be a JSON object")) : (value, null);
        }
        catch (JsonException error)
        {
            if (MissingFields(error.Message) is { Count: > 0 } missing)
            {
                return (null, Rejection.Invalid([.. missing.Select(field => new FieldReason(field, "is required"))]));
            }
            var (field, reason) = Describe(error, line);
            return (null, Invalid(field, reason));
        }
    }

    /// <summary>
    /// Syntax first: "{}}" is broken JSON, not a settlement missing its fields (the deserializer would
    /// check required fields before it noticed the trailing brace).
    /// </summary>
    private static void EnsureWellFormed(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
        }
    }

    /// <summary>Unknown field, value of the wrong type, or broken JSON: each named the way a feed can act on.</summary>
    private static (string Field, string Reason) Describe(JsonException error, int line)
    {
        var message = error.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
            return (end > start ? message[(start + 1)..end] : "body", "is not a field of this request");
        }
        if (message.StartsWith(ChinaTimeJsonConverter.NotATime, StringComparison.Ordinal) && error.Path is { Length: > 2 } timePath)
        {
            return (timePath[2..], ChinaTimeJsonConverter.NotATime);
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal) && error.Path is { Length: > 2 } path)
        {
            var utf8 = error.InnerException?.Message.Contains("UTF-8", StringComparison.Ordinal) == true;
            return (path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path, utf8 ? "is not valid UTF-8" : "has the wrong type or format");
        }
        return ("body", $"is not valid JSON (line {line + error.LineNumber}, byte {error.BytePositionInLine})");
    }

    /// <summary>
    /// The fields System.Text.Json names in "… was missing required properties including: 'a', 'b'." (every
    /// one it lists, so a feed adds them all at once), or none.
    /// </summary>
    private static List<string> MissingFields(string message)
    {
        const string missing = "missing required properties including: ";
        var at = message.IndexOf(missing, StringComparison.Ordinal);
        return at < 0 ? [] : [.. QuotedName().Matches(message[(at + missing.Length)..]).Select(match => match.Groups["name"].Value)];
    }

    [System.Text.RegularExpressions.GeneratedRegex("'(?<name>[^']+)'")]
    private static partial System.Text.RegularExpressions.Regex QuotedName();

    private static Rejection Invalid(string field, string reason) => new(RejectionCode.Invalid, field, reason);
}

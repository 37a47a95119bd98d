using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Ledger.Client.Feeding;

/// <summary>
/// Reads NDJSON: one JSON object per line, blank lines skipped. Each line is sent verbatim (its numbers
/// keep their exact decimals); the reader only checks that it is one JSON object and picks out its id.
/// </summary>
public static class NdjsonFeedReader
{
    public static async IAsyncEnumerable<FeedLine> ReadAsync(
        TextReader reader, string keyField, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } raw)
        {
            lineNumber++;
            var weight = Encoding.UTF8.GetByteCount(raw) + 1;
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }
            yield return Parse(lineNumber, text, keyField, weight);
        }
    }

    internal static FeedLine Parse(long lineNumber, string text, string keyField, long weight)
    {
        if (text.Length > FeedFormats.LineLengthMax)
        {
            return FeedLine.Bad(lineNumber, text[..80], $"line is longer than {FeedFormats.LineLengthMax} characters", weight);
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return FeedLine.Bad(lineNumber, text, $"expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}", weight);
            }
            var key = document.RootElement.TryGetProperty(keyField, out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
            return new FeedLine(lineNumber, text, key, weight);
        }
        catch (JsonException exception)
        {
            return FeedLine.Bad(lineNumber, text, $"not valid JSON (near byte {exception.BytePositionInLine + 1})", weight);
        }
    }
}

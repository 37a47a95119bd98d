namespace Ledger.Silo.Apis;

public enum BodyFormat
{
    Json = 0,
    Ndjson = 1,
    Other = 2,
}

/// <summary>What a request's Content-Type announces; anything but JSON or NDJSON is refused with 415.</summary>
public static class BodyFormats
{
    /// <summary>The format, or null when no Content-Type was sent.</summary>
    public static BodyFormat? Of(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }
        var media = contentType.Split(';', 2)[0].Trim();
        return media.ToLowerInvariant() switch
        {
            "application/json" => BodyFormat.Json,
            "application/x-ndjson" or "application/ndjson" => BodyFormat.Ndjson,
            _ when media.EndsWith("+json", StringComparison.OrdinalIgnoreCase) => BodyFormat.Json,
            _ => BodyFormat.Other,
        };
    }
}

/// <summary>
/// The lines of an NDJSON body as byte ranges. They are never decoded to text here, so broken UTF-8
/// reaches the JSON reader, which refuses it, instead of being silently replaced by U+FFFD.
/// </summary>
public static class NdjsonLines
{
    public static List<ReadOnlyMemory<byte>> Split(byte[] body)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        while (start < body.Length)
        {
            var end = Array.IndexOf(body, (byte)'\n', start);
            if (end < 0)
            {
                end = body.Length;
            }
            var line = body.AsMemory(start, end - start);
            if (line.Length > 0 && line.Span[^1] == (byte)'\r')
            {
                line = line[..^1];
            }
            if (line.Length > 0)
            {
                lines.Add(line);
            }
            start = end + 1;
        }
        return lines;
    }
}

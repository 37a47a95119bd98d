namespace Ledger.Silo.Http;

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

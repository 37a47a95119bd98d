namespace Ledger.Client.Feeding;

public enum FeedFormat
{
    Auto = 0,
    Ndjson = 1,
    Csv = 2,
}

/// <summary>Chooses the reader: by <c>--format</c>, else by the file's extension.</summary>
public static class FeedFormats
{
    /// <summary>Lines longer than this are refused: no settlement or person needs a megabyte.</summary>
    public const int LineLengthMax = 1 << 20;

    public static FeedFormat Resolve(FeedFormat requested, string path)
    {
        if (requested != FeedFormat.Auto)
        {
            return requested;
        }
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => FeedFormat.Csv,
            ".ndjson" or ".jsonl" or ".json" or ".ldjson" => FeedFormat.Ndjson,
            _ when path == "-" => FeedFormat.Ndjson,
            var other => throw new FeedFormatException(
                $"{path}: cannot tell the format from the extension '{other}'; use --format ndjson or --format csv"),
        };
    }

    /// <summary>Settlement lines of a file in either format, in file order.</summary>
    public static IAsyncEnumerable<FeedLine> ReadSettlements(TextReader reader, FeedFormat format, CancellationToken cancellationToken) =>
        format switch
        {
            FeedFormat.Csv => CsvFeedReader.ReadAsync(reader, cancellationToken),
            FeedFormat.Ndjson => NdjsonFeedReader.ReadAsync(reader, "setl_id", cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "resolve the format first"),
        };
}

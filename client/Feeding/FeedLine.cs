namespace Ledger.Client.Feeding;

/// <summary>
/// One line of a feed file, as it will be sent: <see cref="Text"/> is the JSON object (an NDJSON line
/// verbatim, or a CSV row turned into JSON). <see cref="Key"/> is its id (setl_id or psn_no) when it
/// has one; <see cref="Weight"/> is what it counts for on the progress bar (bytes of the file, or 1).
/// A line that could not be read carries <see cref="Malformed"/> instead and is never sent.
/// </summary>
public sealed record FeedLine(long LineNumber, string Text, string? Key, long Weight, string? Malformed = null)
{
    public bool IsMalformed => Malformed is not null;

    public static FeedLine Bad(long lineNumber, string text, string reason, long weight) =>
        new(lineNumber, text, null, weight, reason);
}

/// <summary>A feed file that cannot be read at all (missing required column, unknown column …).</summary>
public sealed class FeedFormatException(string message) : Exception(message);

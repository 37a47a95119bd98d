namespace Ledger.Silo.Http;

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

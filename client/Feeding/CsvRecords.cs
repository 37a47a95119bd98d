using System.Runtime.CompilerServices;
using System.Text;

namespace Ledger.Client.Feeding;

/// <summary>One CSV record: its fields, the physical line it starts on, its size in bytes.</summary>
public sealed record CsvRecord(long LineNumber, IReadOnlyList<string> Fields, string Text, long Weight, string? Malformed);

/// <summary>
/// RFC 4180 records: comma-separated, fields optionally in double quotes, "" for a quote inside one,
/// and quoted fields may span lines (the record keeps the number of the line it starts on).
/// </summary>
public static class CsvRecords
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } first)
        {
            lineNumber++;
            var start = lineNumber;
            var text = first;
            var weight = (long)Encoding.UTF8.GetByteCount(first) + 1;
            // An odd number of quotes so far means a quoted field continues on the next line.
            while (CountQuotes(text) % 2 == 1 && text.Length <= FeedFormats.LineLengthMax
                && await reader.ReadLineAsync(cancellationToken) is { } next)
            {
                lineNumber++;
                weight += Encoding.UTF8.GetByteCount(next) + 1;
                text = text + "\n" + next;
            }
            if (text.Trim().Length == 0)
            {
                continue;
            }
            if (text.Length > FeedFormats.LineLengthMax)
            {
                yield return new CsvRecord(start, [], text[..80], weight, $"record is longer than {FeedFormats.LineLengthMax} characters");
                continue;
            }
            var (fields, error) = Split(text);
            yield return new CsvRecord(start, fields, text, weight, error);
        }
    }

    internal static (IReadOnlyList<string> Fields, string? Error) Split(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var afterQuote = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                    afterQuote = true;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
            }
            else if (c == '"' && field.Length == 0 && !afterQuote)
            {
                quoted = true;
            }
            else if (afterQuote && c is not ' ' and not '\r')
            {
                return (fields, $"unexpected '{c}' after a closing quote in field {fields.Count + 1}");
            }
            else if (c != '\r' || i != text.Length - 1)
            {
                field.Append(c);
            }
        }
        if (quoted)
        {
            return (fields, $"field {fields.Count + 1} opens a quote that never closes");
        }
        fields.Add(field.ToString());
        return (fields, null);
    }

    private static int CountQuotes(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c == '"')
            {
                count++;
            }
        }
        return count;
    }
}

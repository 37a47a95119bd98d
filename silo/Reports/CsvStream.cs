using System.Globalization;
using System.Text;
using Ledger.Policy.Domain;

namespace Ledger.Silo.Reports;

/// <summary>
/// Writes a CSV report as it is read (RFC 4180, CRLF line ends, every cell quoted and formula-safe by
/// <see cref="Csv"/>), UTF-8 with a byte-order mark so spreadsheets read the Chinese right. Nothing in
/// it depends on when it is written: the same rows give the same bytes.
/// </summary>
public sealed partial class CsvStream(Stream body) : IAsyncDisposable
{
    /// <summary>The media type a route declares (OpenAPI); answers carry <see cref="ContentType"/>.</summary>
    public const string MediaType = "text/csv";

    public const string ContentType = MediaType + "; charset=utf-8";

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly StreamWriter _writer = new(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024) { NewLine = "\r\n" };
    private bool _started;

    public async Task Row(params IEnumerable<string?> cells)
    {
        if (!_started)
        {
            await body.WriteAsync(ByteOrderMark);
            _started = true;
        }
        await _writer.WriteAsync(string.Join(',', cells.Select(Cell)));
        await _writer.WriteAsync(_writer.NewLine);
    }

    /// <summary>
    /// A cell as <see cref="Csv.Cell"/> writes it, except a plain number: a negative amount (a signed delta)
    /// cannot run as a formula and must stay a number, not become text behind an apostrophe.
    /// </summary>
    public static string Cell(string? text) => text is not null && PlainNumber().IsMatch(text) ? $"\"{text}\"" : Csv.Cell(text);

    [System.Text.RegularExpressions.GeneratedRegex("^-?[0-9]{1,18}(\\.[0-9]{1,4})?$")]
    private static partial System.Text.RegularExpressions.Regex PlainNumber();

    public static string Amount(decimal yuan) => yuan.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A time in China time with its offset, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Ledger.Client.Feeding;

/// <summary>
/// Reads settlements from CSV whose header row names the national fields. Each row becomes the JSON
/// object the API takes: amounts as JSON numbers with the decimals written in the file, hosp_lv as an
/// integer, an empty cell left out (the API's default, e.g. "ledger computes hifp_pay"). Unknown
/// columns are refused, as the API refuses unknown members: a misspelt column must not vanish quietly.
/// </summary>
public static class CsvFeedReader
{
    private enum Kind
    {
        Text,
        Integer,
        Amount,
    }

    private static readonly Dictionary<string, Kind> Columns = new(StringComparer.Ordinal)
    {
        ["setl_id"] = Kind.Text,
        ["psn_no"] = Kind.Text,
        ["mdtrt_id"] = Kind.Text,
        ["setl_time"] = Kind.Text,
        ["med_type"] = Kind.Text,
        ["hosp_lv"] = Kind.Integer,
        ["medfee_sumamt"] = Kind.Amount,
        ["inscp_scp_amt"] = Kind.Amount,
        ["fulamt_ownpay_amt"] = Kind.Amount,
        ["overlmt_selfpay"] = Kind.Amount,
        ["preselfpay_amt"] = Kind.Amount,
        ["hifp_pay"] = Kind.Amount,
        ["hifmi_pay"] = Kind.Amount,
        ["maf_pay"] = Kind.Amount,
        ["oth_pay"] = Kind.Amount,
        ["refl_setl_flag"] = Kind.Text,
        ["mdtrtarea_admvs"] = Kind.Text,
    };

    private static readonly string[] RequiredColumns = ["setl_id", "psn_no"];

    public static async IAsyncEnumerable<FeedLine> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string[]? header = null;
        await foreach (var record in CsvRecords.ReadAsync(reader, cancellationToken))
        {
            if (header is null)
            {
                header = Header(record);
                continue;
            }
            yield return record.Malformed is { } reason
                ? FeedLine.Bad(record.LineNumber, record.Text, reason, record.Weight)
                : ToJson(header, record);
        }
        if (header is null)
        {
            throw new FeedFormatException("the CSV file is empty: it needs a header row naming the national fields");
        }
    }

    private static string[] Header(CsvRecord record)
    {
        if (record.Malformed is { } reason)
        {
            throw new FeedFormatException($"line {record.LineNumber}: header row: {reason}");
        }
        var names = record.Fields.Select(name => name.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var unknown = names.Where(name => !Columns.ContainsKey(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new FeedFormatException(
                $"line {record.LineNumber}: unknown column(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))}; " +
                $"the columns are the national field names: {string.Join(", ", Columns.Keys)}");
        }
        var repeated = names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        if (repeated.Count > 0)
        {
            throw new FeedFormatException($"line {record.LineNumber}: column(s) {string.Join(", ", repeated)} appear more than once");
        }
        var missing = RequiredColumns.Where(required => !names.Contains(required)).ToList();
        if (missing.Count > 0)
        {
            throw new FeedFormatException($"line {record.LineNumber}: the header has no {string.Join(" or ", missing)} column");
        }
        return names;
    }

    private static FeedLine ToJson(string[] header, CsvRecord record)
    {
        if (record.Fields.Count != header.Length)
        {
            return FeedLine.Bad(record.LineNumber, record.Text, $"expected {header.Length} fields, found {record.Fields.Count}", record.Weight);
        }
        using var buffer = new MemoryStream();
        string? key = null;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < header.Length; i++)
            {
                var value = record.Fields[i].Trim();
                if (value.Length == 0)
                {
                    continue;
                }
                if (Write(json, header[i], value) is { } error)
                {
                    return FeedLine.Bad(record.LineNumber, record.Text, error, record.Weight);
                }
                key = header[i] == "setl_id" ? value : key;
            }
            json.WriteEndObject();
        }
        return new FeedLine(record.LineNumber, Encoding.UTF8.GetString(buffer.ToArray()), key, record.Weight);
    }

    private static string? Write(Utf8JsonWriter json, string name, string value)
    {
        switch (Columns[name])
        {
            case Kind.Integer when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                json.WriteNumber(name, integer);
                return null;
            case Kind.Integer:
                return $"{name}: '{value}' is not an integer";
            case Kind.Amount when decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount):
                json.WriteNumber(name, amount);
                return null;
            case Kind.Amount:
                return $"{name}: '{value}' is not an amount in yuan (digits and a decimal point)";
            default:
                json.WriteString(name, value);
                return null;
        }
    }
}

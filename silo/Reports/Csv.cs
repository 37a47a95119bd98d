using System.Text;

namespace Ledger.Silo.Reports;

/// <summary>
/// CSV cells as RFC 4180 wants them and spreadsheets can open safely: every cell quoted (inner quotes
/// doubled), and a text cell a spreadsheet would read as a formula (starting with = + - @, tab or
/// carriage return) prefixed with an apostrophe, so feed-controlled text is shown, never evaluated.
/// </summary>
public static class Csv
{
    public static string Cell(string? text)
    {
        var value = text ?? "";
        var builder = new StringBuilder(value.Length + 3).Append('"');
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            builder.Append('\'');
        }
        return builder.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}

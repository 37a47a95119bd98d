using System.Globalization;

namespace Ledger.Client.Cli;

/// <summary>Durations on the command line: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>00:05:00</c> or <c>never</c>.</summary>
public static class Durations
{
    public static bool TryParse(string text, out TimeSpan? duration)
    {
        duration = null;
        text = text.Trim().ToLowerInvariant();
        if (text is "never")
        {
            return true;
        }
        (string Suffix, double Milliseconds)[] units = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, milliseconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count)
                && !text[..^suffix.Length].Any(char.IsAsciiLetter))
            {
                duration = TimeSpan.FromMilliseconds(count * milliseconds);
                return true;
            }
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            duration = span;
            return true;
        }
        return false;
    }
}

using Ledger.Shared;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// Settlement times as the API reads them (API.md): ISO 8601, a space allowed for the T, China time
/// (+08:00) when no offset is given (<see cref="ChinaTime.TryParse"/>). The common offset-less form
/// is read first without the general parser: a what-if reads millions of them.
/// </summary>
internal static class ChinaTimes
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        if (text.Length == 19 && TryParseSeconds(text, out time))
        {
            return true;
        }
        return ChinaTime.TryParse(text, out time);
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss" (or a space for the T): the form feeds and the simulator write.</summary>
    private static bool TryParseSeconds(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':')
        {
            return false;
        }
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
        {
            return false;
        }
        if (year < 2 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new DateTimeOffset(year, month, day, hour, minute, second, ChinaTime.Offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}

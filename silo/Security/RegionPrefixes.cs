namespace Ledger.Silo.Security;

/// <summary>Region codes and prefixes: province (2 digits), prefecture (4), county (6).</summary>
public static class RegionPrefixes
{
    public static bool IsPrefix(string? text) => text is { Length: 2 or 4 or 6 } && text.All(char.IsAsciiDigit);

    /// <summary>Whether <paramref name="code"/> (a region code or a prefix) lies under one of <paramref name="prefixes"/>.</summary>
    public static bool Covers(IReadOnlyList<string> prefixes, string code)
    {
        foreach (var prefix in prefixes)
        {
            if (code.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}

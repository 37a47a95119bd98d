namespace Ledger.Silo.Security;

/// <summary>Region codes and prefixes (<see cref="WireLimits.IsRegionPrefix"/>) under a key's regions.</summary>
public static class RegionPrefixes
{
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

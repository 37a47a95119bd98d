namespace Ledger.Silo.Security;

/// <summary>The three kinds of caller (DESIGN §8).</summary>
public static class Roles
{
    public const string Feed = "feed";
    public const string Caseworker = "caseworker";
    public const string Operator = "operator";
}

/// <summary>One configured key: <c>Ledger:ApiKeys:n:{Key,Role,Regions}</c>.</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";
    public string Role { get; set; } = "";
    public List<string> Regions { get; set; } = [];
}

/// <summary>Who is calling: a role and, for caseworkers, the region prefixes they may read.</summary>
public sealed record Caller(string Role, IReadOnlyList<string> Regions)
{
    /// <summary>Operators read everything; caseworkers only codes under one of their prefixes.</summary>
    public bool MayRead(string regionCode) => Role switch
    {
        Roles.Operator => true,
        Roles.Caseworker => Regions.Any(prefix => regionCode.StartsWith(prefix, StringComparison.Ordinal)),
        _ => false,
    };

    /// <summary>A prefix read (SSE, region reports) must lie wholly inside the caseworker's scope.</summary>
    public bool MayReadPrefix(string prefix) => Role == Roles.Operator
        || (Role == Roles.Caseworker && Regions.Any(own => prefix.StartsWith(own, StringComparison.Ordinal)));
}

/// <summary>
/// The key table. With no keys configured in the embedded mode the documented development keys
/// apply; the PostgreSQL mode refuses to start with them (or with none).
/// </summary>
public sealed class ApiKeys
{
    /// <summary>Development keys, embedded mode only (README): a feed, a Fujian caseworker, an operator.</summary>
    public static readonly ApiKeyEntry[] DevelopmentKeys =
    [
        new() { Key = "dev-feed", Role = Roles.Feed },
        new() { Key = "dev-caseworker-35", Role = Roles.Caseworker, Regions = ["35"] },
        new() { Key = "dev-operator", Role = Roles.Operator },
    ];

    private readonly Dictionary<string, Caller> _callers;

    public ApiKeys(IEnumerable<ApiKeyEntry> configured, bool durable)
    {
        var entries = configured.Where(entry => !string.IsNullOrWhiteSpace(entry.Key)).ToList();
        if (durable && (entries.Count == 0 || entries.Any(entry => DevelopmentKeys.Any(dev => dev.Key == entry.Key))))
        {
            throw new InvalidOperationException(
                "PostgreSQL mode needs real API keys: set Ledger:ApiKeys (development keys are refused outside the embedded mode).");
        }
        foreach (var entry in entries.Where(entry => entry.Role is not (Roles.Feed or Roles.Caseworker or Roles.Operator)))
        {
            throw new InvalidOperationException($"Ledger:ApiKeys: role '{entry.Role}' is not feed, caseworker or operator.");
        }
        _callers = (entries.Count == 0 ? [.. DevelopmentKeys] : entries)
            .ToDictionary(entry => entry.Key, entry => new Caller(entry.Role, entry.Regions), StringComparer.Ordinal);
    }

    public Caller? Find(string? key) => key is not null && _callers.TryGetValue(key, out var caller) ? caller : null;
}

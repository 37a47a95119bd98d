using System.Globalization;

namespace Ledger.Silo.Security;

/// <summary>
/// Reads and checks <c>Ledger:ApiKeys</c>. Every problem names the entry by its configuration path
/// (<c>Ledger:ApiKeys:3</c>) and never quotes a key; any problem refuses the start.
/// </summary>
public static class ApiKeyConfiguration
{
    public const string Section = "Ledger:ApiKeys";

    public static ApiKeyTable Load(IConfiguration configuration, bool durable)
    {
        var entries = configuration.GetSection(Section).GetChildren()
            .Select(child => (child.Path, Entry: child.Get<ApiKeyEntry>() ?? new ApiKeyEntry()))
            .ToList();
        if (entries.Count == 0)
        {
            if (durable)
            {
                throw new Hosting.StartupRefusedException(
                    $"{Section}: PostgreSQL mode needs configured keys (development keys serve only a loopback-bound embedded silo).");
            }
            return new ApiKeyTable([.. ApiKeyTable.DevelopmentKeys.Select((entry, index) => Parse(entry, index))], development: true);
        }
        var problems = Problems(entries, durable).ToList();
        if (problems.Count > 0)
        {
            throw new Hosting.StartupRefusedException("The API key configuration is refused:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
        return new ApiKeyTable([.. entries.Select((entry, index) => Parse(entry.Entry, index))], development: false);
    }

    /// <summary>What is wrong with the entries, each problem naming its entry's path; empty when they are fine.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<(string Path, ApiKeyEntry Entry)> entries, bool durable)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < entries.Count; index++)
        {
            var (path, entry) = entries[index];
            foreach (var problem in EntryProblems(entry, durable))
            {
                yield return $"{path}: {problem}";
            }
            if (HashOf(entry) is { } hash)
            {
                var text = Convert.ToHexString(hash);
                if (hashes.TryGetValue(text, out var first))
                {
                    yield return $"{path}: the same key as {first}";
                }
                else
                {
                    hashes[text] = path;
                }
            }
            var id = IdOf(entry, index);
            if (ids.TryGetValue(id, out var holder))
            {
                yield return $"{path}: Id '{id}' is already the id of {holder}";
            }
            else
            {
                ids[id] = path;
            }
        }
    }

    private static IEnumerable<string> EntryProblems(ApiKeyEntry entry, bool durable)
    {
        var hasKey = !string.IsNullOrEmpty(entry.Key);
        var hasHash = !string.IsNullOrEmpty(entry.KeyHash);
        if (hasKey == hasHash)
        {
            yield return "give exactly one of Key and KeyHash (the key's SHA-256, 64 hex digits)";
        }
        else if (hasHash && !IsSha256Hex(entry.KeyHash!))
        {
            yield return "KeyHash must be 64 hexadecimal digits (SHA-256 of the key's UTF-8 bytes)";
        }
        if (hasKey && durable && ApiKeyTable.DevelopmentKeys.Any(development => development.Key == entry.Key))
        {
            yield return "a development key is refused outside the embedded mode";
        }
        if (entry.Id is { } id && WireLimits.IdProblem(id) is not null)
        {
            yield return $"Id must be 1 to {WireLimits.IdLengthMax} characters: {WireLimits.IdCharacters}";
        }
        if (!Roles.Configurable.Contains(entry.Role))
        {
            yield return $"Role must be one of {string.Join(", ", Roles.Configurable)}";
        }
        if (entry.Role == Roles.Caseworker && entry.Regions.Count == 0)
        {
            yield return "a caseworker needs at least one region prefix in Regions";
        }
        if (entry.Role == Roles.Operator && entry.Regions.Count > 0)
        {
            yield return "an operator reads everything: remove Regions";
        }
        for (var region = 0; region < entry.Regions.Count; region++)
        {
            if (!WireLimits.IsRegionPrefix(entry.Regions[region]))
            {
                yield return $"Regions:{region} must be a region prefix of {WireLimits.RegionPrefixDigits}";
            }
        }
        if (entry.RequestsPerSecond is <= 0)
        {
            yield return "RequestsPerSecond must be positive";
        }
    }

    private static ApiKey Parse(ApiKeyEntry entry, int index) =>
        new(IdOf(entry, index), HashOf(entry)!, entry.Role!, [.. entry.Regions], entry.RequestsPerSecond);

    private static string IdOf(ApiKeyEntry entry, int index) =>
        string.IsNullOrEmpty(entry.Id) ? "key-" + index.ToString(CultureInfo.InvariantCulture) : entry.Id;

    private static byte[]? HashOf(ApiKeyEntry entry) =>
        !string.IsNullOrEmpty(entry.Key) ? ApiKeyTable.Hash(entry.Key)
        : entry.KeyHash is { } hash && IsSha256Hex(hash) ? Convert.FromHexString(hash)
        : null;

    private static bool IsSha256Hex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}

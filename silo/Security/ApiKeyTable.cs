using System.Security.Cryptography;
using System.Text;

namespace Ledger.Silo.Security;

/// <summary>A key as the silo holds it: its SHA-256, never the key.</summary>
public sealed record ApiKey(string Id, byte[] Hash, string Role, IReadOnlyList<string> Regions, int? RequestsPerSecond);

/// <summary>
/// The keys the silo accepts. A presented key is hashed and compared with every entry's hash in fixed
/// time, all entries every time, so neither the answer's timing nor a memory dump gives a key away.
/// Development keys (embedded mode, nothing configured) stay switched off until
/// <see cref="DevelopmentKeyGuard"/> has seen that every address the server bound is loopback.
/// </summary>
public sealed class ApiKeyTable
{
    /// <summary>Development keys (README): a feed, a Fujian caseworker, an operator.</summary>
    public static readonly ApiKeyEntry[] DevelopmentKeys =
    [
        new() { Id = "dev-feed", Key = "dev-feed", Role = Roles.Feed },
        new() { Id = "dev-caseworker-35", Key = "dev-caseworker-35", Role = Roles.Caseworker, Regions = ["35"] },
        new() { Id = "dev-operator", Key = "dev-operator", Role = Roles.Operator },
    ];

    private readonly ApiKey[] _keys;
    private volatile bool _enabled;

    public ApiKeyTable(IReadOnlyList<ApiKey> keys, bool development)
    {
        _keys = [.. keys];
        IsDevelopment = development;
        _enabled = !development;
    }

    /// <summary>Whether these are the development keys (then usable only on a loopback-bound silo).</summary>
    public bool IsDevelopment { get; }

    public IReadOnlyList<ApiKey> Keys => _keys;

    /// <summary>False while development keys wait for the loopback check: the silo is not ready to serve.</summary>
    public bool Ready => _enabled;

    /// <summary>Called once the bound addresses are known to be loopback only.</summary>
    public void EnableDevelopmentKeys() => _enabled = true;

    public ApiKey? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || !_enabled)
        {
            return null;
        }
        var hash = Hash(presented);
        ApiKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                found = key;
            }
        }
        return found;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

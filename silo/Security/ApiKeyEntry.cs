namespace Ledger.Silo.Security;

/// <summary>
/// One configured key, <c>Ledger:ApiKeys:n</c>: the key itself (<see cref="Key"/>) or, better, only
/// its SHA-256 (<see cref="KeyHash"/>, 64 hex digits) so the configuration holds no secret; an
/// <see cref="Id"/> that logs and the audit trail name (default <c>key-n</c>); a role; region prefixes.
/// </summary>
public sealed class ApiKeyEntry
{
    public string? Id { get; set; }

    public string? Key { get; set; }

    public string? KeyHash { get; set; }

    public string? Role { get; set; }

    public List<string> Regions { get; set; } = [];

    /// <summary>Requests per second this key may make, when not the default (<c>Ledger:RateLimit</c>).</summary>
    public int? RequestsPerSecond { get; set; }
}

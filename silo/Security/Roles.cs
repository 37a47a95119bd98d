namespace Ledger.Silo.Security;

/// <summary>
/// The roles a key can have (DESIGN §8). <see cref="Feed"/> is configuration shorthand for both feeds:
/// a caller never holds it as a role, it holds <see cref="SettlementFeed"/> and <see cref="IdentityFeed"/>.
/// </summary>
public static class Roles
{
    public const string Feed = "feed";
    public const string SettlementFeed = "settlement-feed";
    public const string IdentityFeed = "identity-feed";
    public const string Caseworker = "caseworker";
    public const string Operator = "operator";

    public static readonly string[] Configurable = [Feed, SettlementFeed, IdentityFeed, Caseworker, Operator];

    /// <summary>The roles a configured role grants.</summary>
    public static string[] Granted(string configured) => configured == Feed ? [SettlementFeed, IdentityFeed] : [configured];
}

using System.Security.Claims;

namespace Ledger.Silo.Security;

/// <summary>
/// Who is calling, as the authentication handler put it into the request's principal: the key's id
/// and its region prefixes (none: everywhere, for unscoped feeds and operators). Roles are the
/// principal's role claims, which the authorization policies read.
/// </summary>
public sealed record Caller(string KeyId, IReadOnlyList<string> Regions)
{
    public const string RegionClaim = "ledger:region";

    /// <summary>Whether a region code (or a prefix of one) lies wholly inside this caller's scope.</summary>
    public bool Covers(string code) => Regions.Count == 0 || RegionPrefixes.Covers(Regions, code);

    public bool IsScoped => Regions.Count > 0;

    public static Caller? Of(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
        ? new Caller(id, [.. user.FindAll(RegionClaim).Select(claim => claim.Value)])
        : null;

    public static ClaimsPrincipal Principal(ApiKey key, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, key.Id) };
        claims.AddRange(Roles.Granted(key.Role).Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange(key.Regions.Select(region => new Claim(RegionClaim, region)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}

public static class CallerExtensions
{
    /// <summary>The authenticated caller; endpoints behind an authorization policy always have one.</summary>
    public static Caller Caller(this HttpContext context) =>
        Security.Caller.Of(context.User) ?? throw new InvalidOperationException("no authenticated caller: the endpoint lacks an authorization policy");
}

using Ledger.Silo.Security;

namespace Ledger.Silo.Http;

/// <summary>
/// The region a route reads (<c>{code}</c> in the path, else <c>?region=</c>) must be a region code or
/// prefix of 2, 4 or 6 digits (400 naming <c>region</c>) inside the caller's regions (404, as for a
/// region that is not there). Declared on the route with <see cref="RegionRoutes.RequireRegion"/>
/// instead of checked at the top of each handler; for scoped readers <see cref="ReadScopeFilter"/> has
/// checked the scope already, and this guards the routes mapped without it (the operators' journal).
/// </summary>
public sealed class RegionFilter : IEndpointFilter
{
    public static readonly RegionFilter Instance = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var code = http.Request.RouteValues["code"] as string ?? http.Request.Query["region"].FirstOrDefault() ?? "";
        if (!WireLimits.IsRegionPrefix(code))
        {
            return ValueTask.FromResult<object?>(Problems.Field("region", $"must be a region code or prefix of {WireLimits.RegionPrefixDigits}"));
        }
        return http.Caller().Covers(code)
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Field("region", "no region under this key's regions has this code", StatusCodes.Status404NotFound));
    }
}

using Ledger.Grains.Settlements;
using Ledger.Silo.Http;
using Ledger.Silo.Security.Directory;

namespace Ledger.Silo.Security;

/// <summary>
/// A scoped reader (a caseworker) reads only inside its region prefixes. The subject's region comes
/// from the <see cref="IRegionDirectory"/>, before any grain is called; outside the scope, or unknown,
/// the answer is the same 404 a missing subject gets, so existence is not revealed. Malformed ids and
/// codes go on to the endpoint, which names the field in a 400.
/// </summary>
public sealed class ReadScopeFilter(IRegionDirectory directory) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.Caller();
        if (!caller.IsScoped)
        {
            return await next(context);
        }
        var route = http.Request.RouteValues;
        var cancel = http.RequestAborted;
        if (route["psnNo"] is string psnNo && SettlementInput.IdProblem(psnNo, "psn_no") is null
            && !Covered(caller, await directory.RegionOfPerson(psnNo, cancel)))
        {
            return Problems.Field("psn_no", "no person is registered with this number", StatusCodes.Status404NotFound);
        }
        if (route["householdId"] is string householdId && SettlementInput.IdProblem(householdId, "household_id") is null
            && !Covered(caller, await directory.RegionOfHousehold(householdId, cancel)))
        {
            return Problems.Field("household_id", "no household has this id", StatusCodes.Status404NotFound);
        }
        var prefix = route["code"] as string ?? http.Request.Query["region"].FirstOrDefault();
        if (WireLimits.IsRegionPrefix(prefix) && !caller.Covers(prefix!))
        {
            return Problems.Field("region", "no region under this key's regions has this code", StatusCodes.Status404NotFound);
        }
        return await next(context);
    }

    private static bool Covered(Caller caller, string? region) => region is not null && caller.Covers(region);
}

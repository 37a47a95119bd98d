using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Ledger.Silo.Security.Audit;

/// <summary>
/// Authorization's refusals go into the audit trail before they are answered: 401 (no key, an
/// unknown key) and 403 (a role the route's policy does not allow), on every route that has a policy.
/// Answering is left to ASP.NET's own handler, which calls the key scheme's challenge or forbid.
/// </summary>
public sealed class AuditedAuthorizationResults(RefusalAudit audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await audit.Record(context, StatusCodes.Status401Unauthorized);
        }
        else if (authorizeResult.Forbidden)
        {
            await audit.Record(context, StatusCodes.Status403Forbidden);
        }
        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }
}

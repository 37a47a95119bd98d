namespace Ledger.Silo.Http;

/// <summary>
/// Declares for OpenAPI what a route refuses besides what every /api route may (LedgerApi: 400, 401,
/// 403, 429, 503). Each such refusal names the field at fault (<see cref="Problems.Field"/>,
/// <see cref="Problems.From"/>), so its schema is the validation problem with <c>errors</c>.
/// </summary>
public static class RouteRefusals
{
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            route.ProducesValidationProblem(status);
        }
        return route;
    }
}

namespace Ledger.Silo.Http;

/// <summary>Route declarations of the region reads.</summary>
public static class RegionRoutes
{
    /// <summary>Adds <see cref="RegionFilter"/> and declares its two refusals for OpenAPI.</summary>
    public static RouteHandlerBuilder RequireRegion(this RouteHandlerBuilder route) => route.AddEndpointFilter(RegionFilter.Instance)
        .ProducesValidationProblem(StatusCodes.Status400BadRequest)
        .ProducesValidationProblem(StatusCodes.Status404NotFound);
}

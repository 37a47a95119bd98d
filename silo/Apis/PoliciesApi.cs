using Ledger.Policy.Loading;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Apis;

/// <summary>The policy catalogue this silo runs on, for operators (what <c>ledger policy check</c> compares a folder with).</summary>
public static class PoliciesApi
{
    public static RouteGroupBuilder MapPoliciesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/policies", List).WithName("GetPolicies")
            .WithSummary("Every policy this silo loaded at start, with each value and the days it holds (operators)");
        return api;
    }

    private static Ok<PoliciesAnswer> List(PolicyCatalogue catalogue) => TypedResults.Ok(new PoliciesAnswer(PolicyListing.Of(catalogue)));
}

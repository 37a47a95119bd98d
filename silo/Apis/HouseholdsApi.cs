using Ledger.Contracts;
using Ledger.Contracts.Households;
using Ledger.Grains.Settlements;
using Ledger.Silo.Security;

namespace Ledger.Silo.Apis;

/// <summary>A household's year: members, totals per payer, cap usage and open thresholds.</summary>
public static class HouseholdsApi
{
    public static RouteGroupBuilder MapHouseholdsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/households/{householdId}", Get).WithName("GetHousehold").WithSummary("A household's year totals, caps and members");
        return api;
    }

    private static async Task<IResult> Get(string householdId, int? year, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        if (SettlementInput.IdProblem(householdId, "household_id") is { } badId)
        {
            return Problems.From(badId);
        }
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if (badYear is not null)
        {
            return badYear;
        }
        var household = await grains.Household(householdId).Get(readYear);
        if (household.RegionCode.Length == 0)
        {
            return Problems.Field("household_id", "no household has this id", StatusCodes.Status404NotFound);
        }
        return context.Caller().Covers(household.RegionCode) ? TypedResults.Ok(household) : Problems.Field("household_id", "no household has this id", StatusCodes.Status404NotFound);
    }
}

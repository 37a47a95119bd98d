using Ledger.Contracts;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Grains.Settlements;
using Ledger.Silo.Http;
using Ledger.Silo.Security;
using Ledger.Silo.Security.Audit;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Apis;

/// <summary>A household's year: members, totals per payer, cap usage, open thresholds, and the entries behind them.</summary>
public static class HouseholdsApi
{
    public static RouteGroupBuilder MapHouseholdsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/households/{householdId}", Get).WithName("GetHousehold").WithSummary("A household's year totals, caps and members")
            .Refuses(StatusCodes.Status404NotFound);
        api.MapGet("/households/{householdId}/settlements", History).WithName("GetHouseholdSettlements")
            .WithSummary("The journal entries behind a household's year totals (its members'), in settlement-time order, paged")
            .Refuses(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<HouseholdView>, ProblemHttpResult>> Get(string householdId, int? year, HttpContext context, IJournal journal, IGrainFactory grains, TimeProvider time)
    {
        var (_, readYear, problem) = await Readable(householdId, year, context, journal, time);
        if (problem is not null)
        {
            return problem;
        }
        return TypedResults.Ok(await TransientRetry.RunAsync(() => grains.Household(householdId).Get(readYear)));
    }

    private static async Task<Results<Ok<HistoryPage>, ProblemHttpResult>> History(
        string householdId, int? year, int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize,
        HttpContext context, IJournal journal, TimeProvider time)
    {
        var (members, readYear, problem) = await Readable(householdId, year, context, journal, time);
        if (problem is not null)
        {
            return problem;
        }
        if (Paging.Problem(page, pageSize) is { } badPage)
        {
            return badPage;
        }
        var entries = await journal.ReadPersons([.. members.Select(member => member.PsnNo)], readYear, readYear, cancellationToken: context.RequestAborted);
        return TypedResults.Ok(HistoryPage.Of(readYear, entries, page ?? 1, pageSize ?? Paging.PageSizeDefault));
    }

    /// <summary>
    /// The household's registered members if the caller may read it (checked before any grain is called).
    /// Each member is named to the audit trail: reading a household reads its members.
    /// </summary>
    private static async Task<(IReadOnlyList<PersonRecord> Members, int Year, ProblemHttpResult? Problem)> Readable(
        string householdId, int? year, HttpContext context, IJournal journal, TimeProvider time)
    {
        var read = await SubjectRead.Resolve(householdId, "household_id", "no household has this id", year, context, time, journal.PersonsOf);
        AuditSubject.NameMembers(context, read.Persons.Select(member => member.PsnNo));
        return read;
    }
}

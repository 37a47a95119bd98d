using System.Globalization;
using Ledger.Policy.Engine;
using Ledger.Silo.Projections;
using Ledger.Silo.Reports;
using Ledger.Silo.Http;
using Ledger.Silo.Security.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Silo.Apis;

/// <summary>
/// Region reads for caseworkers: KPIs, the monitoring list, the monthly report and the month's
/// adjustments, all answered from the read projections of the journal (never a grain per region).
/// The region code is checked on the route (<see cref="RegionRoutes.RequireRegion"/>); the reports
/// are <see cref="RegionReports"/>. Each answer says how far the projections trail the journal
/// (<see cref="ProjectionLagFilter"/>): while they rebuild the silo stays ready and answers the KPIs and
/// the monitoring list; the two reports answer 503 until the projections are within the readiness bound.
/// </summary>
public static class RegionsApi
{
    public static RouteGroupBuilder MapRegionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/regions/{code}/kpis", Kpis).WithName("GetRegionKpis").WithSummary("Coverage, burden and high-cost clearance rates, each with its population")
            .RequireRegion().AddEndpointFilter(ProjectionLagFilter.Instance);
        api.MapGet("/regions/{code}/monitoring", Monitoring).WithName("GetRegionMonitoring").WithSummary("Open monitoring levels, filtered and paged")
            .RequireRegion().AddEndpointFilter(ProjectionLagFilter.Instance);
        api.MapGet("/regions/{code}/reports/monthly", Monthly).WithName("GetMonthlyReport").WithSummary("The month-end monitoring list by settlement time (CSV), or its counts")
            // The CSV unless format=summary asks for the counts (MonthlySummary, from the handler's Ok<…>).
            .AnswersCsvToo().RequireRegion().AddEndpointFilter(ProjectionLagFilter.CompleteOnly);
        api.MapGet("/regions/{code}/reports/adjustments", Adjustments).WithName("GetAdjustmentsReport").WithSummary("The month's settlement adjustments with payer deltas (CSV)")
            .Produces<string>(StatusCodes.Status200OK, CsvStream.MediaType).RequireRegion().AddEndpointFilter(ProjectionLagFilter.CompleteOnly);
        return api;
    }

    private static async Task<Results<Ok<RegionKpis>, ProblemHttpResult>> Kpis(string code, int? year, HttpContext context, IProjectionStore store, TimeProvider time)
    {
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if (badYear is not null)
        {
            return badYear;
        }
        return TypedResults.Ok(RegionKpis.Of(code, readYear, await store.Kpis(code, readYear, context.RequestAborted)));
    }

    private static async Task<Results<Ok<MonitoringPage>, ProblemHttpResult>> Monitoring(
        string code, int? year, string? rule, string? level, string? city, int? page, [FromQuery(Name = "page_size")] int? pageSize,
        HttpContext context, IProjectionStore store, TimeProvider time)
    {
        if (Paging.Problem(page, pageSize) is { } badPage)
        {
            return badPage;
        }
        if (MonitoringQuery.Invalid(rule, level, city) is var (field, reason))
        {
            return Problems.Field(field, reason);
        }
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if (badYear is not null)
        {
            return badYear;
        }
        AuditSubject.NameRegionRead(context, "monitoring", code, readYear.ToString(CultureInfo.InvariantCulture));
        var query = new MonitoringQuery(code, readYear, rule, level, city, page ?? 1, pageSize ?? Paging.PageSizeDefault);
        return TypedResults.Ok(await store.Monitoring(query, context.RequestAborted));
    }

    private static Task<Results<PushStreamHttpResult, Ok<MonthlySummary>, ProblemHttpResult>> Monthly(
        string code, string? month, string? format, HttpContext context, IProjectionStore store, TimeProvider time) =>
        RegionReports.Monthly(code, month, format, store, time, context);

    private static Results<PushStreamHttpResult, ProblemHttpResult> Adjustments(
        string code, string? month, HttpContext context, IProjectionStore store, TimeProvider time) =>
        RegionReports.Adjustments(code, month, store, time, context);
}

using Ledger.Silo.Http;
using Ledger.Silo.Projections;
using Ledger.Silo.Security.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Reports;

/// <summary>
/// The region reports as HTTP answers: the month-end list (streamed CSV, or its counts) and the
/// month's adjustments (streamed CSV), read from the projections.
/// </summary>
public static class RegionReports
{
    public static async Task<Results<PushStreamHttpResult, Ok<MonthlySummary>, ProblemHttpResult>> Monthly(
        string code, string? month, string? format, IProjectionStore store, TimeProvider time, HttpContext context)
    {
        var (query, problem) = ReportMonth.Resolve(code, month, time, ended: true);
        if (problem is not null)
        {
            return problem;
        }
        var cancellationToken = context.RequestAborted;
        AuditSubject.NameRegionRead(context, "report", code, month!);
        return format switch
        {
            null or "csv" => TypedResults.Stream(body => MonthlyReport.Write(body, store, query!, cancellationToken),
                CsvStream.ContentType, $"monitoring-{code}-{month}.csv"),
            "summary" => TypedResults.Ok(await MonthlyReport.Summarise(store, query!, cancellationToken)),
            _ => Problems.Field("format", "must be csv or summary"),
        };
    }

    public static Results<PushStreamHttpResult, ProblemHttpResult> Adjustments(
        string code, string? month, IProjectionStore store, TimeProvider time, HttpContext context)
    {
        var (query, problem) = ReportMonth.Resolve(code, month, time);
        if (problem is not null)
        {
            return problem;
        }
        var cancellationToken = context.RequestAborted;
        AuditSubject.NameRegionRead(context, "adjustments", code, month!);
        return TypedResults.Stream(body => AdjustmentsReport.Write(body, store, query!, cancellationToken),
            CsvStream.ContentType, $"adjustments-{code}-{month}.csv");
    }
}

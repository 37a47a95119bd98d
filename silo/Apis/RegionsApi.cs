using System.Globalization;
using Ledger.Policy.Engine;
using Ledger.Silo.Projections;
using Ledger.Silo.Reports;
using Ledger.Silo.Security;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Silo.Apis;

/// <summary>
/// Region reads for caseworkers: KPIs, the monitoring list, the monthly report and the month's
/// adjustments, all answered from the read projections of the journal (never a grain per region).
/// </summary>
public static class RegionsApi
{
    public const int PageSizeMax = 500;

    public static RouteGroupBuilder MapRegionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/regions/{code}/kpis", Kpis).WithName("GetRegionKpis").WithSummary("Coverage, burden and high-cost clearance rates, each with its population");
        api.MapGet("/regions/{code}/monitoring", Monitoring).WithName("GetRegionMonitoring").WithSummary("Open monitoring levels, filtered and paged");
        api.MapGet("/regions/{code}/reports/monthly", Monthly).WithName("GetMonthlyReport").WithSummary("The month-end monitoring list by settlement time (CSV), or its counts");
        api.MapGet("/regions/{code}/reports/adjustments", Adjustments).WithName("GetAdjustmentsReport").WithSummary("The month's settlement adjustments with payer deltas (CSV)");
        return api;
    }

    private static async Task<IResult> Kpis(string code, int? year, HttpContext context, IProjectionStore store, TimeProvider time)
    {
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if ((Refusal(code, context) ?? badYear) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(RegionKpis.Of(code, readYear, await store.Kpis(code, readYear, context.RequestAborted)));
    }

    private static async Task<IResult> Monitoring(
        string code, int? year, string? rule, string? level, string? city, int? page, [FromQuery(Name = "page_size")] int? pageSize,
        HttpContext context, IProjectionStore store, TimeProvider time)
    {
        if (Refusal(code, context) is { } refused)
        {
            return refused;
        }
        if (page is < 1 || pageSize is < 1 or > PageSizeMax)
        {
            return Problems.Field(page is < 1 ? "page" : "page_size", $"page ≥ 1 and 1 ≤ page_size ≤ {PageSizeMax}");
        }
        if (rule is not null && !RuleCodes.TryParse(rule, out _))
        {
            return Problems.Field("rule", "must be a rule code such as return_to_poverty_risk");
        }
        if (level is not null and not ("warning" or "crossed"))
        {
            return Problems.Field("level", "must be warning or crossed");
        }
        if (city is not null && (city.Length != Cities.CodeLength || !city.All(char.IsAsciiDigit)))
        {
            return Problems.Field("city", "must be a city code of 4 digits");
        }
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if (badYear is not null)
        {
            return badYear;
        }
        var query = new MonitoringQuery(code, readYear, rule, level, city, page ?? 1, pageSize ?? 50);
        return TypedResults.Ok(await store.Monitoring(query, context.RequestAborted));
    }

    private static async Task<IResult> Monthly(string code, string? month, string? format, HttpContext context, IProjectionStore store, TimeProvider time)
    {
        if (Refusal(code, context) is { } refused)
        {
            return refused;
        }
        if (Month(code, month, time, out var query) is { } problem)
        {
            return problem;
        }
        return format switch
        {
            null or "csv" => TypedResults.Stream(body => MonthlyReport.Write(body, store, query!, context.RequestAborted),
                CsvStream.ContentType, $"monitoring-{code}-{month}.csv"),
            "summary" => TypedResults.Ok(await MonthlyReport.Summarise(store, query!, context.RequestAborted)),
            _ => Problems.Field("format", "must be csv or summary"),
        };
    }

    private static IResult Adjustments(string code, string? month, HttpContext context, IProjectionStore store, TimeProvider time)
    {
        if (Refusal(code, context) is { } refused)
        {
            return refused;
        }
        if (Month(code, month, time, out var query) is { } problem)
        {
            return problem;
        }
        return TypedResults.Stream(body => AdjustmentsReport.Write(body, store, query!, context.RequestAborted),
            CsvStream.ContentType, $"adjustments-{code}-{month}.csv");
    }

    /// <summary>A month YYYY-MM of a year the ledger can hold, or the problem naming the field.</summary>
    private static IResult? Month(string code, string? month, TimeProvider time, out MonthEndQuery? query)
    {
        query = null;
        if (month is not { Length: 7 } || !DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Problems.Field("month", "must be YYYY-MM");
        }
        if (ReadYear.Resolve(first.Year, time, "month") is (_, { } badMonth))
        {
            return badMonth;
        }
        query = new MonthEndQuery(code, first.Year, first.Month);
        return null;
    }

    /// <summary>
    /// A region code or prefix (2, 4 or 6 digits), or the problem to answer. The caller's scope was
    /// checked before (ReadScopeFilter); this guards an endpoint mapped without it.
    /// </summary>
    public static IResult? Refusal(string code, HttpContext context)
    {
        if (!RegionPrefixes.IsPrefix(code))
        {
            return Problems.Field("region", "must be a region code or prefix of 2, 4 or 6 digits");
        }
        return context.Caller().Covers(code) ? null : Problems.Field("region", "no region under this key's regions has this code", StatusCodes.Status404NotFound);
    }
}

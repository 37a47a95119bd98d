using Ledger.Contracts;
using System.Globalization;
using System.Text;
using Ledger.Contracts.Events;
using Ledger.Contracts.Regions;
using Ledger.Grains.Journal;
using Ledger.Policy.Domain;
using Ledger.Grains.Settlements;
using Ledger.Silo.Security;

namespace Ledger.Silo.Apis;

/// <summary>Region reads for caseworkers: KPIs, the monitoring list and the monthly report.</summary>
public static class RegionsApi
{
    public const int PageSizeMax = 500;

    public static RouteGroupBuilder MapRegionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/regions/{code}/kpis", Kpis).WithName("GetRegionKpis").WithSummary("Coverage, burden and high-cost clearance rates");
        api.MapGet("/regions/{code}/monitoring", Monitoring).WithName("GetRegionMonitoring").WithSummary("Persons and households under monitoring, paged");
        api.MapGet("/regions/{code}/reports/monthly", Monthly).WithName("GetMonthlyReport").WithSummary("The month's monitoring events as CSV");
        return api;
    }

    private static async Task<IResult> Kpis(string code, int? year, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        return Refusal(code, context) ?? badYear ?? TypedResults.Ok(await grains.Region(IRegionGrain.Key(code, readYear)).GetKpis());
    }

    private static async Task<IResult> Monitoring(string code, int? year, string? rule, int? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] int? pageSize, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        if (Refusal(code, context) is { } refused)
        {
            return refused;
        }
        if (page is < 1 || pageSize is < 1 or > PageSizeMax)
        {
            return Problems.Field(page is < 1 ? "page" : "page_size", $"page ≥ 1 and 1 ≤ page_size ≤ {PageSizeMax}");
        }
        var (readYear, badYear) = ReadYear.Resolve(year, time);
        if (badYear is not null)
        {
            return badYear;
        }
        var grain = grains.Region(IRegionGrain.Key(code, readYear));
        return TypedResults.Ok(await grain.GetMonitoring(rule, page ?? 1, pageSize ?? 50));
    }

    /// <summary>
    /// The monthly monitoring list (000 二(二)11: 每月的监测数据反馈): one row per person with a warning,
    /// crossing or capping that month — identities, the year's totals now, and each rule's latest level.
    /// </summary>
    private static async Task<IResult> Monthly(string code, string? month, HttpContext context, IJournal journal, IGrainFactory grains, TimeProvider time)
    {
        if (Refusal(code, context) is { } refused)
        {
            return refused;
        }
        if (!DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Problems.Field("month", "must be YYYY-MM");
        }
        if (ReadYear.Resolve(first.Year, time, "month") is (_, { } badMonth))
        {
            return badMonth;
        }
        var events = await EventsOfMonth(journal, code, first, context.RequestAborted);
        var csv = new StringBuilder(Csv.Row("psn_no", "household_id", "region_code", "year", "identities", "medfee_sumamt", "fund_pay_sumamt", "psn_part_amt", "rules")).Append('\n');
        var monitored = events.Where(e => e.SubjectType == "person" && e.Rule is not null
                && e.Kind is EventKinds.ThresholdWarning or EventKinds.ThresholdCrossed or EventKinds.ThresholdCleared or EventKinds.CapApplied)
            .GroupBy(e => (e.SubjectId, e.Year)).OrderBy(group => group.Key.SubjectId, StringComparer.Ordinal);
        foreach (var person in monitored)
        {
            var last = person.Last();
            var view = await journal.FindPerson(person.Key.SubjectId, context.RequestAborted) is { } registered
                ? await grains.Household(registered.HouseholdId).GetMember(person.Key.SubjectId, person.Key.Year) : null;
            var rules = person.GroupBy(e => e.Rule!).Select(rule => $"{rule.Key}:{RuleState(rule.Last())}");
            csv.Append(Csv.Row(person.Key.SubjectId, last.HouseholdId, last.RegionCode, person.Key.Year.ToString(CultureInfo.InvariantCulture),
                string.Join(' ', last.Identities), Amount(view?.Totals.MedfeeSumamt), Amount(view?.Totals.FundPaySumamt),
                Amount(view?.Totals.PsnPartAmt), string.Join(' ', rules))).Append('\n');
        }
        return TypedResults.Text(csv.ToString(), "text/csv", Encoding.UTF8);
    }

    /// <summary>The events under a region prefix whose settlement happened in the month (China time).</summary>
    private static async Task<List<LedgerEvent>> EventsOfMonth(IJournal journal, string prefix, DateOnly first, CancellationToken cancel)
    {
        var events = new List<LedgerEvent>();
        for (long after = 0; ;)
        {
            var page = await journal.ReadAfter(after, EventsApi.ReplayPageMax, prefix, first.Year, cancel);
            events.AddRange(page.SelectMany(EntryEvents.Of).Where(e => e.SetlTime is { } time
                && ChinaTime.Date(time) is var date && date.Year == first.Year && date.Month == first.Month));
            if (page.Count < EventsApi.ReplayPageMax)
            {
                return events;
            }
            after = page[^1].Position;
        }
    }

    private static string RuleState(LedgerEvent last) => last.Kind switch
    {
        EventKinds.ThresholdCleared => "cleared",
        EventKinds.CapApplied => "capped",
        _ => last.Level ?? "",
    };

    private static string Amount(decimal? yuan) => yuan?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

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

using System.Globalization;
using Ledger.Silo.Http;
using Ledger.Silo.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Reports;

/// <summary>The month a report is about: YYYY-MM of a year the ledger can hold, or the problem naming <c>month</c>.</summary>
public static class ReportMonth
{
    public static (MonthEndQuery? Query, ProblemHttpResult? Problem) Resolve(string regionPrefix, string? month, TimeProvider time)
    {
        if (month is not { Length: 7 } || !DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return (null, Problems.Field("month", "must be YYYY-MM"));
        }
        if (ReadYear.Resolve(first.Year, time, "month") is (_, { } badMonth))
        {
            return (null, badMonth);
        }
        return (new MonthEndQuery(regionPrefix, first.Year, first.Month), null);
    }
}

using System.Globalization;
using Ledger.Silo.Http;
using Ledger.Silo.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Reports;

/// <summary>The month a report is about: YYYY-MM of a year the ledger can hold, or the problem naming <c>month</c>.</summary>
public static class ReportMonth
{
    /// <param name="ended">
    /// Only a month whose end (China time, on the ledger's clock) has passed: a month-end report of a month
    /// still running would list other rows when asked again, which API.md promises it does not.
    /// </param>
    public static (MonthEndQuery? Query, ProblemHttpResult? Problem) Resolve(string regionPrefix, string? month, TimeProvider time, bool ended = false)
    {
        if (month is not { Length: 7 } || !DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return (null, Problems.Field("month", "must be YYYY-MM"));
        }
        if (ReadYear.Resolve(first.Year, time, "month") is (_, { } badMonth))
        {
            return (null, badMonth);
        }
        var query = new MonthEndQuery(regionPrefix, first.Year, first.Month);
        if (ended && time.GetUtcNow() < query.End)
        {
            return (null, Problems.Field("month",
                $"{month} has not ended: its month-end report can be asked from {ChinaTime.Of(query.End):yyyy-MM-dd HH:mm} China time (+08:00)"));
        }
        return (query, null);
    }
}

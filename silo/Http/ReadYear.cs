using Ledger.Policy.Domain;
using Ledger.Grains;
using Ledger.Grains.Settlements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Http;

/// <summary>
/// The year a read is about: this year (China time) unless one is given, and then one the ledger can
/// hold (from the earliest settlement date to next year); anything else is a problem naming the field.
/// </summary>
public static class ReadYear
{
    public static (int Year, ProblemHttpResult? Problem) Resolve(int? year, TimeProvider time, string field = "year")
    {
        var current = ChinaTime.Date(time.GetUtcNow()).Year;
        var resolved = year ?? current;
        var first = Limits.SettlementDateMin.Year;
        return resolved < first || resolved > current + 1
            ? (resolved, Problems.Field(field, $"must be a year from {first} to {current + 1}"))
            : (resolved, null);
    }
}

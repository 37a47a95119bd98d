using Ledger.Policy.Engine;

namespace Ledger.Silo.Projections;

/// <summary>Open levels under a prefix in a year; without a level, a crossed level hides the warning of the same rule.</summary>
public sealed record MonitoringQuery(string RegionPrefix, int Year, string? Rule, string? Level, string? CityCode, int Page, int PageSize)
{
    /// <summary>The first filter a caseworker's query gets wrong, as the field and what it must be; null when all are valid.</summary>
    public static (string Field, string Reason)? Invalid(string? rule, string? level, string? cityCode) =>
        rule is not null && !RuleCodes.TryParse(rule, out _) ? ("rule", "must be a rule code such as return_to_poverty_risk")
        : level is not null and not ("warning" or "crossed") ? ("level", "must be warning or crossed")
        : cityCode is not null && (cityCode.Length != Cities.CodeLength || !cityCode.All(char.IsAsciiDigit)) ? ("city", $"must be a city code of {Cities.CodeLength} digits")
        : null;
}

public sealed record MonitoringPage(int Page, int PageSize, long TotalCount, IReadOnlyList<MonitoringItem> Items);

/// <param name="Value">
/// The engine's reading at the crossing: at the settlement that opened (or, re-adjudicated, restated) the level, <paramref name="SetlId"/>.
/// The projections evaluate no rule, so later settlements leave it; the person's and household's views give the current reading.
/// </param>
public sealed record MonitoringItem(
    string SubjectType, string SubjectId, string HouseholdId, string RegionCode, string CityCode, int Year, string Rule, string Level,
    decimal Value, decimal Threshold, string SetlId, DateTimeOffset SetlTime)
{
    /// <summary>The settlement time of the opening settlement (the name the first release gave it).</summary>
    public DateTimeOffset Since => SetlTime;

    public static MonitoringItem Of(MonitoringRow row) => new(row.Key.SubjectType, row.Key.SubjectId, row.HouseholdId, row.RegionCode,
        row.CityCode, row.Key.Year, row.Key.Rule, row.Key.Level, row.Value, row.Threshold, row.SetlId, row.SetlTime);
}

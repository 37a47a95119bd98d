using Ledger.Policy.Engine;

namespace Ledger.Silo.Projections;

/// <summary>
/// A month of the monitoring calendar: settlements before <see cref="End"/> (the first instant of the next
/// month, China time) count; those logged at or after it arrived late.
/// </summary>
public sealed record MonthEndQuery(string RegionPrefix, int Year, int Month)
{
    /// <summary>The rules the month-end list reports, in the engine's codes (as the monitoring rows store them).</summary>
    public static readonly string[] Rules = [RuleCodes.ToCode(Rule.ImpoverishmentRisk), RuleCodes.ToCode(Rule.ReturnToPovertyRisk)];

    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, ChinaTime.Offset);

    public DateTimeOffset End => Start.AddMonths(1);

    /// <summary>The month's last day: the identities of the report are those held on it.</summary>
    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));
}

public static class MonthEndStatus
{
    public const string New = "new";
    public const string Continuing = "continuing";
    public const string Exited = "exited";
}

/// <summary>One person and rule of the month-end list.</summary>
public sealed record MonthEndRow(
    string CityCode, string RegionCode, string PsnNo, string HouseholdId, string Identities, string Rule, decimal Threshold,
    decimal PsnPartAmt, string Status, string SetlId, DateTimeOffset SetlTime, bool Late);

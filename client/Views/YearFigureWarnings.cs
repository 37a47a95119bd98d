using Ledger.Policy.Loading;

namespace Ledger.Client.Views;

/// <summary>
/// What <c>ledger policy check</c> warns of: per policy and region, the values a folder lacks for the
/// current year (China time) and the next, whose settlements a silo running it refuses (422). A
/// warning, not a failure: the files are valid, and a year's 上年 figures are published in its first
/// months, so the next year lacking them is routine; the current year lacking them is what the silos'
/// check <c>policy-year</c> and alert <c>LedgerPolicyYearFiguresMissing</c> report while it lasts.
/// </summary>
public static class YearFigureWarnings
{
    public static IEnumerable<string> Of(PolicyCatalogue catalogue, DateOnly today) =>
        new[] { today, new DateOnly(today.Year + 1, 1, 1) }.SelectMany(day => catalogue.Gaps(day)
            .Select(gap => $"with these files, settlements of {day.Year} are refused (422): {gap}"));
}

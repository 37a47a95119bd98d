namespace Ledger.Silo.Projections;

/// <summary>
/// A region prefix's indicators for a year, each with the population it is measured over: coverage
/// (fund payments / total) and burden (self-pay / total) over the policies' 困难群众 (see
/// <see cref="KpiPopulation"/>), and the high-cost clearance rate (seed 002: 高额医疗费用动态清零化解率,
/// 将家庭医疗负担化解至5万元以下,个人化解至3万元以下): of the households with a member of the population
/// whose year burden before the warm fund was over the household cap, or such a member's over the
/// individual cap, the share whose burden after it is at or under the household cap with every such
/// member at or under the individual cap. A member outside the population counts in the household's
/// burden (as the engine's household cap counts it) but is not held to the individual cap, which the
/// warm fund does not hold them to.
/// </summary>
public sealed record RegionKpis(
    string RegionCode, int Year, string Population, long SettlementCount, decimal MedfeeSumamt, decimal FundPaySumamt, decimal PsnPartAmt,
    decimal? CoverageRate, string CoveragePopulation, decimal? BurdenRate, string BurdenPopulation,
    long HighCostHouseholds, long HighCostCleared, decimal? HighCostClearanceRate, string HighCostClearancePopulation)
{
    public const string HighCostPopulation =
        "households with a member of the population whose year burden before the warm fund was over the policy's household cap, or such a member's over "
        + "its individual cap; cleared: the household's burden after it at or under the household cap and each such member's at or under the individual cap "
        + "(members outside the population count in the household's burden only)";

    public const string NoSettlements = "nobody: no settlement of the population in this region and year";

    public static RegionKpis Of(string regionCode, int year, KpiSums sums)
    {
        var population = sums.Populations.Count == 0 ? NoSettlements : string.Join("; ", sums.Populations);
        return new RegionKpis(regionCode, year, population, sums.SettlementCount, sums.MedfeeSumamt, sums.FundPaySumamt, sums.PsnPartAmt,
            Rate(sums.FundPaySumamt, sums.MedfeeSumamt), population, Rate(sums.PsnPartAmt, sums.MedfeeSumamt), population,
            sums.HighCostHouseholds, sums.HighCostCleared, Rate(sums.HighCostCleared, sums.HighCostHouseholds), HighCostPopulation);
    }

    private static decimal? Rate(decimal part, decimal whole) => whole == 0m ? null : decimal.Round(part / whole, 4, MidpointRounding.AwayFromZero);
}

using Ledger.Policy.Loading;

namespace Ledger.Policy.Tests.Loading;

/// <summary>
/// <see cref="PolicyCatalogue.Gaps"/>: what the policies in force on a day refuse then, per policy and
/// region, as the settlement lookup refuses it. The health check, its metric and <c>ledger policy
/// check</c> report this. Shipped files: Fujian (open-ended), Jinhua and Liangshan (to 2025) have 上年
/// figures to 2024, 2024 and 2023.
/// </summary>
public sealed class YearGapTests
{
    private static readonly PolicyCatalogue Shipped = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));

    private const string FujianRegions = "35, 3501, 350128, 3502, 3503, 3504, 3505, 3506, 3507, 3508, 3509";

    [Fact]
    public void A_year_every_policy_in_force_has_its_figures_for_has_no_gap_and_the_next_day_lacking_one_has()
    {
        Assert.Empty(Shipped.Gaps(new DateOnly(2023, 12, 31)));
        Assert.Empty(Shipped.Gaps(new DateOnly(2017, 6, 1)));
        Assert.Equal(["liangshan-2021 (liangshan-2021.yaml) region 5134: parameters.rural_income has no value for 2024"],
            Shipped.Gaps(new DateOnly(2024, 1, 1)).Select(gap => gap.ToString()));
    }

    [Fact]
    public void A_year_without_its_figures_names_each_policy_in_force_its_regions_and_what_they_lack()
    {
        Assert.Equal(
        [
            $"fujian-2022 (fujian-2022.yaml) regions {FujianRegions}: parameters.residents_income has no value for 2025; parameters.rural_income has no value for 2025",
            "jinhua-2022 (jinhua-2022.yaml) region 3307: parameters.rural_income has no value for 2025",
            "liangshan-2021 (liangshan-2021.yaml) region 5134: parameters.rural_income has no value for 2025",
        ], Shipped.Gaps(new DateOnly(2025, 1, 1)).Select(gap => gap.ToString()));
    }

    [Fact]
    public void Policies_no_longer_in_force_are_not_gaps()
    {
        var gap = Assert.Single(Shipped.Gaps(new DateOnly(2026, 12, 1)));

        Assert.Equal(("fujian-2022", 2026, 11), (gap.PolicyId, gap.Year, gap.Regions.Count));
    }

    /// <summary>Each region the gaps name is one the settlement lookup refuses that day, for the reason named.</summary>
    [Fact]
    public void Every_region_a_gap_names_is_refused_by_the_settlement_lookup_naming_the_same_values()
    {
        var day = new DateOnly(2025, 3, 1);
        foreach (var gap in Shipped.Gaps(day))
        {
            foreach (var region in gap.Regions)
            {
                Assert.False(Shipped.TryFind(region.PadRight(6, '9'), day, out _, out var reason));
                Assert.All(gap.Lacks, lacks => Assert.Contains(lacks.Split(' ')[0], reason, StringComparison.Ordinal));
                Assert.Contains(gap.File, reason, StringComparison.Ordinal);
            }
        }
    }
}

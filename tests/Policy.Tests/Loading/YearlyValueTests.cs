using Ledger.Policy.Engine;
using Ledger.Policy.Loading;

namespace Ledger.Policy.Tests.Loading;

/// <summary>
/// 上年 figures are one value per year: a settlement in a year without one is refused with a reason,
/// never computed on an older year's figure. Dates and regions of the shipped files.
/// </summary>
public sealed class YearlyValueTests
{
    private static readonly PolicyCatalogue Shipped = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));

    private const string Yearly = """
        id: yearly
        title: yearly test
        seed: test
        regions: ["99"]
        in_force: { from: 2022-01-01 }
        parameters:
          rural_income:
            unit: yuan
            per_year: true
            dated:
              - { from: 2022-01-01, value: 10000, assumed: test }
              - { from: 2023-01-01, value: 11000, assumed: test }
        layers:
          - kind: basic
            ratio:
              inpatient: { unit: ratio, value: 0.5, assumed: test }
        monitoring:
          rules:
            - rule: impoverishment_risk
              who: { residence: rural, assumed: test }
              threshold: { unit: yuan, of: rural_income, factor: 2, assumed: test }
        """;

    [Fact]
    public void A_year_without_its_last_year_figure_is_refused_naming_the_value_and_the_year()
    {
        var catalogue = PolicyLoader.Load([("yearly.yaml", Yearly)]);

        Assert.Equal((10_000m, 11_000m), (catalogue.Find("990000", new DateOnly(2022, 12, 31))!.Parameters["rural_income"],
            catalogue.Find("990000", new DateOnly(2023, 1, 1))!.Parameters["rural_income"]));
        Assert.False(catalogue.TryFind("990000", new DateOnly(2024, 1, 1), out var policy, out var reason));
        Assert.Null(policy);
        Assert.Null(catalogue.Find("990000", new DateOnly(2027, 6, 1)));
        Assert.Contains("parameters.rural_income has no value for 2024", reason, StringComparison.Ordinal);
        Assert.Contains("yearly.yaml", reason, StringComparison.Ordinal);
        catalogue.TryFind("990000", new DateOnly(2027, 6, 1), out _, out var later);
        Assert.Contains("parameters.rural_income has no value for 2027", later, StringComparison.Ordinal);
    }

    [Fact]
    public void A_per_year_figure_must_start_on_the_first_of_January()
    {
        var error = Assert.Throws<PolicyLoadException>(() =>
            PolicyLoader.Load([("yearly.yaml", Yearly.Replace("from: 2023-01-01", "from: 2023-07-01", StringComparison.Ordinal))]));

        Assert.Contains("yearly.yaml: parameters.rural_income.dated[1].from: 2023-07-01: a per_year figure holds for a calendar year, so it starts on 1 January", error.Problems);
    }

    [Theory]
    [InlineData("350102", 2025)]
    [InlineData("330702", 2025)]
    [InlineData("513401", 2024)]
    public void Shipped_policies_refuse_the_years_whose_figures_are_not_in_the_file(string region, int year)
    {
        Assert.False(Shipped.TryFind(region, new DateOnly(year, 3, 1), out _, out var reason));
        Assert.Contains($"has no value for {year}", reason, StringComparison.Ordinal);
        Assert.NotNull(Shipped.Find(region, new DateOnly(year - 1, 3, 1)));
    }

    [Fact]
    public void A_settlement_of_2023_uses_the_2022_figures()
    {
        var fujian = Shipped.Find("350102", new DateOnly(2023, 6, 1))!;
        var liangshan = Shipped.Find("513401", new DateOnly(2023, 6, 1))!;

        Assert.Equal((24_987m, 21_559m, 18_672m), (fujian.Parameters["rural_income"], fujian.Critical!.Deductible, liangshan.Parameters["rural_income"]));
    }

    [Fact]
    public void Fujian_critical_deductible_is_read_per_city_with_the_province_for_codes_under_no_listed_city()
    {
        var fuzhou = Shipped.Find("350102", new DateOnly(2022, 6, 1))!;
        var unlisted = Shipped.Find("351234", new DateOnly(2022, 6, 1))!;
        var fujian = Shipped.Policies.Single(policy => policy.Id == "fujian-2022");

        Assert.Equal((20_329.50m, 20_329.50m), (fuzhou.Critical!.Deductible, unlisted.Critical!.Deductible));
        Assert.Equal(["350128", "3501", "3502", "3503", "3504", "3505", "3506", "3507", "3508", "3509", "35"],
            fujian.Regions.Select(region => region.Prefix));
    }

    [Fact]
    public void Jinhua_targets_move_to_85_and_15_percent_in_2025_once_the_2024_figure_is_in_the_file()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "policies", "jinhua-2022.yaml")).ToList();
        var last = lines.FindIndex(line => line.Contains("{ from: 2024-01-01, value: 40311,", StringComparison.Ordinal));
        lines.Insert(last + 1, "      - { from: 2025-01-01, value: 1, assumed: a stand-in for Zhejiang's 2024 figure }");
        var catalogue = PolicyLoader.Load([("jinhua-2022.yaml", string.Join('\n', lines))]);

        var (before, after) = (catalogue.Find("330702", new DateOnly(2024, 12, 31))!, catalogue.Find("330702", new DateOnly(2025, 1, 1))!);
        Assert.Equal((0.80m, 0.20m), (before.Targets!.Coverage, before.Targets.Burden));
        Assert.Equal((0.85m, 0.15m), (after.Targets!.Coverage, after.Targets.Burden));
        // Targets are KPIs over the 困难群众 (DESIGN §4): no monitoring rule watches a household's ratio.
        Assert.Null(after.Monitoring.Find(Rule.CoverageBelowTarget));
    }

    [Fact]
    public void Gansu_governs_from_its_issue_date_and_Fengxiang_under_both_of_its_codes()
    {
        Assert.False(Shipped.TryFind("620102", new DateOnly(2018, 12, 24), out _, out var reason));
        Assert.Equal("no policy is in force for region 620102 on 2018-12-24", reason);
        Assert.Equal("gansu-2018", Shipped.Find("620102", new DateOnly(2018, 12, 25))!.PolicyId);
        Assert.Equal(("fengxiang-2019", "fengxiang-2019"), (Shipped.Find("610322", new DateOnly(2020, 5, 1))!.PolicyId,
            Shipped.Find("610305", new DateOnly(2020, 5, 1))!.PolicyId));
        Assert.Null(Shipped.Find("610305", new DateOnly(2021, 1, 1)));
    }
}

using Ledger.Policy.Loading;

namespace Ledger.Policy.Tests.Loading;

public sealed class PolicyDiffTests
{
    private const string Policy = """
        id: diff
        title: diff
        seed: test
        regions: ["99"]
        in_force: { from: 2022-01-01 }
        parameters:
          rural_income:
            unit: yuan
            dated:
              - { from: 2022-01-01, value: 20000, assumed: test }
              {next-year}
          residents_income:
            unit: yuan
            dated:
              - { from: 2022-01-01, value: 40000, assumed: test }
        layers:
          - kind: basic
            deductible:
              inpatient: { unit: yuan, by_level: [200, 500, 1000], assumed: test }
            ratio:
              inpatient: { unit: ratio, value: {ratio}, assumed: test }
          - kind: critical
            annual_deductible: { unit: yuan, of: residents_income, factor: 0.5, assumed: test }
            brackets:
              - { ratio: { unit: ratio, value: 0.6, assumed: test } }
            med_types: { only: [inpatient, chronic], assumed: test }
        monitoring:
          rules:
            - rule: impoverishment_risk
              who: { residence: rural, assumed: test }
              threshold: { unit: yuan, of: rural_income, factor: 2, assumed: test }
        """;

    private static IReadOnlyList<PolicyListing> Catalogue(string nextYear = "", string ratio = "0.7", params (string File, string Yaml)[] more) =>
        PolicyListing.Of(PolicyLoader.Load([("diff.yaml", Policy.Replace("{next-year}", nextYear, StringComparison.Ordinal).Replace("{ratio}", ratio, StringComparison.Ordinal)), .. more]));

    [Fact]
    public void Listing_gives_every_value_the_engine_uses_with_the_days_it_holds()
    {
        var listing = Assert.Single(Catalogue(nextYear: "- { from: 2023-01-01, value: 21000, assumed: test }"));

        var values = listing.Values.ToDictionary(value => (value.Key, value.From), value => (value.Until, value.Value));
        Assert.Equal(("diff", "diff.yaml", "99", new DateOnly(2022, 1, 1), (DateOnly?)null), (listing.Id, listing.File, string.Join(" ", listing.Regions), listing.From, listing.Until));
        Assert.Equal((new DateOnly(2022, 12, 31), "20000"), values[("parameters.rural_income", new DateOnly(2022, 1, 1))]);
        Assert.Equal(((DateOnly?)null, "21000"), values[("parameters.rural_income", new DateOnly(2023, 1, 1))]);
        Assert.Equal(((DateOnly?)null, "0.7"), values[("basic.ratio.inpatient.level3", new DateOnly(2022, 1, 1))]);
        Assert.Equal(((DateOnly?)null, "1000"), values[("basic.deductible.inpatient.level3", new DateOnly(2022, 1, 1))]);
        Assert.Equal(((DateOnly?)null, "20000"), values[("critical.deductible", new DateOnly(2022, 1, 1))]);
        Assert.Equal(((DateOnly?)null, "basic, critical"), values[("layers", new DateOnly(2022, 1, 1))]);
        Assert.Equal((new DateOnly(2022, 12, 31), "40000"), values[("monitoring.impoverishment_risk.threshold", new DateOnly(2022, 1, 1))]);
        Assert.Equal(((DateOnly?)null, "true"), values[("monitoring.impoverishment_risk.rural_only", new DateOnly(2022, 1, 1))]);
    }

    [Fact]
    public void Identical_catalogues_differ_in_nothing()
    {
        Assert.Empty(PolicyDiff.Compare(Catalogue(), Catalogue()));
    }

    [Fact]
    public void A_new_years_value_is_one_change_per_value_it_moves_from_that_day_on()
    {
        var changes = PolicyDiff.Compare(Catalogue(), Catalogue(nextYear: "- { from: 2025-01-01, value: 26000, assumed: test }"));

        Assert.Equal(
        [
            new PolicyChange("diff", "parameters.rural_income", new DateOnly(2025, 1, 1), null, "20000", "26000"),
            new PolicyChange("diff", "monitoring.impoverishment_risk.threshold", new DateOnly(2025, 1, 1), null, "40000", "52000"),
        ], changes);
    }

    [Fact]
    public void A_changed_number_for_all_days_is_one_change_and_an_added_policy_is_one_line()
    {
        const string other = """
            id: other
            title: other
            seed: test
            regions: ["98"]
            in_force: { from: 2025-01-01, until: 2025-12-31 }
            layers:
              - kind: basic
                ratio:
                  inpatient: { unit: ratio, value: 0.5, assumed: test }
            """;

        var changes = PolicyDiff.Compare(Catalogue(), Catalogue(ratio: "0.75", more: ("other.yaml", other)));

        Assert.Equal(
        [
            new PolicyChange("diff", "basic.ratio.inpatient.level1", new DateOnly(2022, 1, 1), null, "0.7", "0.75"),
            new PolicyChange("diff", "basic.ratio.inpatient.level2", new DateOnly(2022, 1, 1), null, "0.7", "0.75"),
            new PolicyChange("diff", "basic.ratio.inpatient.level3", new DateOnly(2022, 1, 1), null, "0.7", "0.75"),
            new PolicyChange("other", PolicyDiff.WholePolicy, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), null, "other.yaml: regions 98, in force 2025-01-01..2025-12-31"),
        ], changes);
    }

    private const string Yearly = """
        id: yearly
        title: yearly
        seed: test
        regions: ["97"]
        in_force: { from: 2022-01-01 }
        parameters:
          rural_income:
            unit: yuan
            per_year: true
            dated:
              - { from: 2022-01-01, value: 20000, assumed: test }
              {rural-2023}
          residents_income:
            unit: yuan
            per_year: true
            dated:
              - { from: 2022-01-01, value: 40000, assumed: test }
              {residents-2023}
        layers:
          - kind: basic
            ratio:
              inpatient: { unit: ratio, value: 0.7, assumed: test }
          - kind: critical
            med_types: { only: [inpatient, chronic], assumed: test }
            annual_deductible: { unit: yuan, of: residents_income, factor: 0.5, assumed: test }
            brackets:
              - { ratio: { unit: ratio, value: 0.6, assumed: test } }
        monitoring:
          rules:
            - rule: impoverishment_risk
              who: { residence: rural, assumed: test }
              threshold: { unit: yuan, of: rural_income, factor: 2, assumed: test }
        """;

    private static IReadOnlyList<PolicyListing> YearlyCatalogue(string rural2023 = "", string residents2023 = "") =>
        PolicyListing.Of(PolicyLoader.Load([("yearly.yaml", Yearly.Replace("{rural-2023}", rural2023, StringComparison.Ordinal)
            .Replace("{residents-2023}", residents2023, StringComparison.Ordinal))]));

    private const string Rural2023 = "- { from: 2023-01-01, value: 21000, assumed: test }";
    private const string Residents2023 = "- { from: 2023-01-01, value: 42000, assumed: test }";

    [Fact]
    public void A_year_without_all_its_yearly_figures_is_listed_refused_with_what_it_lacks()
    {
        var listing = Assert.Single(YearlyCatalogue());

        var values = listing.Values.ToDictionary(value => (value.Key, value.From), value => (value.Until, value.Value));
        Assert.Equal((new DateOnly(2022, 12, 31), "20000"), values[("parameters.rural_income", new DateOnly(2022, 1, 1))]);
        Assert.Equal(((DateOnly?)null, "parameters.residents_income has no value for the year; parameters.rural_income has no value for the year"),
            values[(PolicyListing.Refused, new DateOnly(2023, 1, 1))]);
        Assert.DoesNotContain(listing.Values, value => value.Key != PolicyListing.Refused && value.From.Year == 2023);
    }

    [Fact]
    public void A_yearly_figure_added_alone_is_a_change_and_the_year_stays_refused_for_the_other()
    {
        var changes = PolicyDiff.Compare(YearlyCatalogue(), YearlyCatalogue(rural2023: Rural2023));

        Assert.Equal(
        [
            new PolicyChange("yearly", "parameters.rural_income", new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), null, "21000"),
            new PolicyChange("yearly", PolicyListing.Refused, new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31),
                "parameters.residents_income has no value for the year; parameters.rural_income has no value for the year",
                "parameters.residents_income has no value for the year"),
        ], changes);
    }

    [Fact]
    public void A_yearly_figure_completing_its_year_brings_the_years_derived_values_and_ends_the_refusal()
    {
        var changes = PolicyDiff.Compare(YearlyCatalogue(rural2023: Rural2023), YearlyCatalogue(rural2023: Rural2023, residents2023: Residents2023));

        var span = (From: new DateOnly(2023, 1, 1), Until: (DateOnly?)new DateOnly(2023, 12, 31));
        Assert.Equal(
        [
            ("parameters.residents_income", null, "42000"),
            ("critical.deductible", null, "21000"),
            ("monitoring.impoverishment_risk.threshold", null, "42000"),
            (PolicyListing.Refused, "parameters.residents_income has no value for the year", null),
        ], changes.Where(change => change.Key.StartsWith("parameters.", StringComparison.Ordinal) || change.Key is PolicyListing.Refused
                || change.Key is "critical.deductible" or "monitoring.impoverishment_risk.threshold")
            .Select(change => (change.Key, change.Running, change.Proposed)).ToList());
        Assert.All(changes, change => Assert.Equal(span, (change.From, change.Until)));
        Assert.All(changes.Where(change => change.Key != PolicyListing.Refused), change => Assert.Null(change.Running));
    }
}

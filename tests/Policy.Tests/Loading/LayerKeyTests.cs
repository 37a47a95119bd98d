using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;

namespace Ledger.Policy.Tests.Loading;

public sealed class LayerKeyTests
{
    private const string Policy = """
        id: keys
        title: keys
        seed: test
        regions: ["99"]
        in_force: { from: 2022-01-01 }
        layers:
          - kind: basic
            ratio:
              inpatient: { unit: ratio, value: 0.5, assumed: test }
            {0}
          - kind: critical
            annual_deductible: { unit: yuan, value: 100, assumed: test }
            brackets:
              - { ratio: { unit: ratio, value: 0.5, assumed: test } }
            med_types: { only: [inpatient], assumed: test }
        """;

    [Fact]
    public void Key_a_layer_kind_does_not_read_is_refused_naming_file_and_key()
    {
        var error = Assert.Throws<PolicyLoadException>(() =>
            PolicyLoader.Load([("keys.yaml", Policy.Replace("{0}", "med_types: { only: [inpatient], assumed: test }", StringComparison.Ordinal))]));

        Assert.Contains(error.Problems, problem => problem.StartsWith("keys.yaml: layers[0].med_types: is not read by a 'basic' layer", StringComparison.Ordinal));
    }

    [Fact]
    public void Critical_layer_limited_to_inpatient_neither_pays_nor_counts_outpatient_spending()
    {
        var catalogue = PolicyLoader.Load([("keys.yaml", Policy.Replace("{0}", "", StringComparison.Ordinal))]);
        var policy = catalogue.Find("990000", new DateOnly(2022, 5, 1))!;
        var person = new PersonYear();
        var household = new HouseholdYear();
        var member = new MemberContext(Identities.None, Residence.Rural);
        var outpatient = new Claim(new DateOnly(2022, 5, 1), MedicalType.Outpatient, 1, 1_000m, 1_000m);

        var split = Waterfall.Split(policy, outpatient, member, person, household);

        Assert.Equal((0m, 0m, 1_000m), (split.Critical, split.CriticalBase, split.SelfPay));
    }

    [Theory]
    [InlineData("""
          - kind: bogus
        """, "keys.yaml: layers[0].kind: unknown layer kind 'bogus' (basic, critical, assistance, floor, supplementary, burden_cap)")]
    [InlineData("""
          - kind: supplementary
            ratios:
              - who: { any_of: [dibao], assumed: test }
                ratio: { unit: ratio, value: 0.5, assumed: test }
            med_types: { only: [inpatient], assumed: test }
        """, "keys.yaml: layers[0].name: is missing")]
    [InlineData("""
          - kind: basic
            ratio:
              inpatient: { unit: ratio, value: 0.5, assumed: test }
            bonus:
              - who: { any_of: [dibao], assumed: test }
                min_level: 4
                med_types: { only: [inpatient], assumed: test }
                points: { unit: points, value: 10, assumed: test }
        """, "keys.yaml: layers[0].bonus[0].min_level: must be 1, 2 or 3")]
    public void A_layer_the_loader_cannot_build_is_refused_naming_file_and_key(string layers, string problem)
    {
        var document = Policy[..Policy.IndexOf("layers:", StringComparison.Ordinal)] + "layers:\n" + layers;

        var error = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load([("keys.yaml", document)]));

        Assert.Contains(problem, error.Problems);
    }
}

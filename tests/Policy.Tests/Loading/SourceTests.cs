using Ledger.Policy.Loading;
using YamlDotNet.RepresentationModel;

namespace Ledger.Policy.Tests.Loading;

/// <summary>Identity lists, medical-type lists, choices and flags are rules too: each needs a ref or an assumption.</summary>
public sealed class SourceTests
{
    private const string Policy = """
        id: sources
        title: sources
        seed: test
        regions: ["99"]
        in_force: { from: 2022-01-01 }
        layers:
          - kind: basic
            ratio:
              inpatient: { unit: ratio, value: 0.5, assumed: test }
            deductible_waived_for: {waiver}
          - kind: critical
            annual_deductible: { unit: yuan, value: 100, assumed: test }
            brackets:
              - { ratio: { unit: ratio, value: 0.5, assumed: test } }
            med_types: {reach}
            tilt:
              who: { any_of: [dibao], assumed: test }
              deductible_factor: { unit: ratio, value: 0.5, assumed: test }
              points: { unit: points, value: 5, assumed: test }
              no_cap: {flag}
        """;

    private const string Waiver = "{ any_of: [dibao], hospital_within: \"99\", ref: \"a seed sentence\" }";
    private const string Flag = "{ value: true, assumed: test }";
    private const string Reach = "{ only: [inpatient, chronic], assumed: test }";

    private static string Document(string waiver, string flag, string reach = Reach) => Policy.Replace("{waiver}", waiver, StringComparison.Ordinal)
        .Replace("{flag}", flag, StringComparison.Ordinal).Replace("{reach}", reach, StringComparison.Ordinal);

    private static PolicyLoadException Refused(string waiver, string flag, string reach = Reach) =>
        Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load([("sources.yaml", Document(waiver, flag, reach))]));

    [Fact]
    public void A_sourced_file_loads()
    {
        var catalogue = PolicyLoader.Load([("sources.yaml", Document(Waiver, Flag))]);

        Assert.NotNull(catalogue.Find("990101", new DateOnly(2022, 1, 1)));
    }

    [Fact]
    public void A_layer_without_its_reach_is_refused_rather_than_reaching_every_medical_type()
    {
        var withoutReach = Document(Waiver, Flag).Replace("    med_types: " + Reach + "\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load([("sources.yaml", withoutReach)]));

        Assert.Equal(["sources.yaml: layers[1].med_types: is missing (the medical types the rule reaches: only [outpatient, chronic, inpatient], with ref or assumed)"],
            error.Problems);
    }

    [Fact]
    public void A_reach_without_a_source_is_refused()
    {
        var error = Refused(Waiver, Flag, "{ only: [inpatient] }");

        Assert.Equal(["sources.yaml: layers[1].med_types: needs a 'ref' to its seed paragraph or 'assumed' saying why"], error.Problems);
    }

    [Fact]
    public void An_identity_list_without_a_source_is_refused()
    {
        var error = Refused("{ any_of: [dibao], hospital_within: \"99\" }", Flag);

        Assert.Equal(["sources.yaml: layers[0].deductible_waived_for: needs a 'ref' to its seed paragraph or 'assumed' saying why"], error.Problems);
    }

    [Fact]
    public void A_flag_without_a_source_is_refused()
    {
        var error = Refused(Waiver, "{ value: true }");

        Assert.Equal(["sources.yaml: layers[1].tilt.no_cap: needs a 'ref' to its seed paragraph or 'assumed' saying why"], error.Problems);
    }

    [Fact]
    public void A_bare_identity_list_is_refused_by_the_parser_naming_its_line()
    {
        var error = Refused("[dibao]", Flag);

        Assert.Single(error.Problems);
        Assert.StartsWith("sources.yaml: line 10, column 28", error.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_hospital_condition_is_only_for_deductible_reliefs()
    {
        var error = Assert.Throws<PolicyLoadException>(() => PolicyLoader.Load([("sources.yaml", Document(Waiver, Flag)
            .Replace("who: { any_of: [dibao], assumed: test }", "who: { any_of: [dibao], hospital_within: \"99\", assumed: test }", StringComparison.Ordinal))]));

        Assert.Equal(["sources.yaml: layers[1].tilt.who.hospital_within: only a deductible relief can be limited to where the hospital is"], error.Problems);
    }

    [Fact]
    public void Fujians_basic_inpatient_ratio_is_assumed_since_its_seed_sentence_is_an_overall_target_not_a_per_claim_ratio()
    {
        // 000 二(二)7 县域内政策范围内住院费用支付比例总体稳定在70%左右: in-county costs paid overall, nothing on level 3.
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", "fujian-2022.yaml"))));
        var basic = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["layers"]).Children[0];
        var inpatient = (YamlMappingNode)((YamlMappingNode)basic["ratio"])["inpatient"];

        Assert.Equal(("0.70", false), (inpatient["value"].ToString(), inpatient.Children.ContainsKey("ref")));
        Assert.Contains("not a per-claim ratio", inpatient["assumed"].ToString(), StringComparison.Ordinal);
    }
}

using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using Ledger.Policy.Model;

namespace Ledger.Policy.Tests.Engine;

/// <summary>
/// A supplementary fund (补充医疗保险, 大病商业补充保险) as a policy file declares one: a ratio of the
/// policy-scope self-pay basic insurance leaves, for the identities it names, within its annual cap.
/// None of the shipped policies has one, so this is where its math is held to numbers.
/// </summary>
public sealed class SupplementaryLayerTests
{
    private const string Policy = """
        id: supplementary
        title: supplementary
        seed: test
        regions: ["99"]
        in_force: { from: 2022-01-01 }
        layers:
          - kind: basic
            ratio:
              inpatient: { unit: ratio, value: 0.5, assumed: test }
          - kind: supplementary
            name: 补充医疗保险
            ratios:
              - who: { any_of: [dibao], assumed: test }
                ratio: { unit: ratio, value: 0.5, assumed: test }
            annual_cap: { unit: yuan, value: 300, assumed: test }
            med_types: { only: [inpatient], assumed: test }
        """;

    private static readonly PolicyVersion Version = PolicyLoader.Load([("supplementary.yaml", Policy)]).Find("990000", new DateOnly(2022, 5, 1))!;

    [Fact]
    public void Pays_its_ratio_of_what_basic_leaves_until_its_annual_cap_is_used()
    {
        var member = new MemberContext(Identities.Dibao, Residence.Rural);
        var person = new PersonYear();
        var household = new HouseholdYear();

        var first = Record(Inpatient(1_000m), member, ref person, ref household);
        var second = Record(Inpatient(1_000m), member, ref person, ref household);
        var third = Record(Inpatient(1_000m), member, ref person, ref household);

        // Basic pays half; the fund half of the 500 left, 250, then only the 50 its 300 cap has left, then nothing.
        Assert.Equal((500m, 250m, 250m), (first.Basic, first.Supplementary, first.SelfPay));
        Assert.Equal((500m, 50m, 450m), (second.Basic, second.Supplementary, second.SelfPay));
        Assert.Equal((500m, 0m, 500m), (third.Basic, third.Supplementary, third.SelfPay));
        Assert.Equal(300m, person.Totals.Supplementary);
    }

    [Fact]
    public void Pays_nothing_to_identities_it_does_not_name_nor_for_medical_types_it_does_not_cover()
    {
        var household = new HouseholdYear();
        var other = new PersonYear();
        var dibao = new PersonYear();

        var notNamed = Record(Inpatient(1_000m), new MemberContext(Identities.None, Residence.Rural), ref other, ref household);
        var outpatient = Record(new Claim(new DateOnly(2022, 5, 1), MedicalType.Outpatient, 1, 1_000m, 1_000m),
            new MemberContext(Identities.Dibao, Residence.Rural), ref dibao, ref household);

        Assert.Equal((500m, 0m, 500m), (notNamed.Basic, notNamed.Supplementary, notNamed.SelfPay));
        Assert.Equal((0m, 1_000m), (outpatient.Supplementary, outpatient.SelfPay));
    }

    private static Claim Inpatient(decimal total) => new(new DateOnly(2022, 5, 1), MedicalType.Inpatient, 1, total, total);

    private static Split Record(in Claim claim, in MemberContext member, ref PersonYear person, ref HouseholdYear household)
    {
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        return SettlementEngine.Record(Version, claim, member, ref person, ref household, changes, out _);
    }
}

using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using Ledger.Policy.Model;

namespace Ledger.Policy.Tests.Engine;

/// <summary>
/// The household coverage rule (<c>coverage_below_target</c>), which no shipped policy lists (Jinhua's
/// coverage target is a KPI, DESIGN §4): a policy file may still declare it, and it must compare the
/// ratio as it is, not as it is shown.
/// </summary>
public sealed class CoverageRuleTests
{
    private const string Policy = CoverageRulePolicy.Yaml;

    private static readonly PolicyVersion Version = PolicyLoader.Load([("coverage.yaml", Policy)]).Find("990000", new DateOnly(2022, 5, 1))!;

    [Fact]
    public void A_ratio_just_under_the_target_is_below_it_though_it_shows_as_the_target()
    {
        // Funds 79 996 of 100 000 = 0.79996: below 0.80; shown (and carried) as 0.8000.
        var change = Crossing(fundPay: 79_996m);

        Assert.Equal((Rule.CoverageBelowTarget, ThresholdChangeKind.Crossed, 0.8000m, 0.80m), (change!.Value.Rule, change.Value.Kind, change.Value.Value, change.Value.Threshold));
    }

    [Fact]
    public void A_ratio_at_the_target_is_not_below_it()
    {
        Assert.Null(Crossing(fundPay: 80_000m));
    }

    private static ThresholdChange? Crossing(decimal fundPay)
    {
        var member = new MemberContext(Identities.Dibao, Residence.Rural);
        var person = new PersonYear();
        var household = new HouseholdYear { Totals = new YearTotals { Total = 100_000m, Basic = fundPay, SelfPay = 100_000m - fundPay, SettlementCount = 1 } };
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        var count = Thresholds.Evaluate(Version, member, 0m, ref person, ref household, changes);
        return count == 0 ? null : changes[..count].ToArray().Single(change => change.Rule == Rule.CoverageBelowTarget);
    }
}

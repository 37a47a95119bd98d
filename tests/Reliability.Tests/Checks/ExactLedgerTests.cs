using Xunit.Sdk;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>The resend check of <see cref="ExactLedger"/> fails when a resend moved any total (no cluster: it runs in a moment).</summary>
public sealed class ExactLedgerTests
{
    private static readonly Totals Counted = new(3_000m, 2_500m, 1_500m, 0m, 200m, 0m, 0m, 0m, 1_700m, 1_300m, 1);

    [Fact]
    public void Totals_read_the_same_before_and_after_a_resend_pass()
    {
        ExactLedger.AssertUnchanged("person", new Dictionary<string, Totals> { ["P-1"] = Counted }, new Dictionary<string, Totals> { ["P-1"] = Counted });
    }

    [Fact]
    public void A_settlement_counted_again_by_the_resend_fails_naming_the_total_before_and_after()
    {
        var twice = Counted.Plus(Counted);

        var failure = Assert.ThrowsAny<XunitException>(() => ExactLedger.AssertUnchanged("household",
            new Dictionary<string, Totals> { ["H-1"] = Counted, ["H-2"] = Counted }, new Dictionary<string, Totals> { ["H-1"] = Counted, ["H-2"] = twice }));

        Assert.StartsWith($"the resend changed the totals of 1 household(s); first: H-2 {Counted} -> {twice}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_total_missing_after_the_resend_fails()
    {
        var failure = Assert.ThrowsAny<XunitException>(() => ExactLedger.AssertUnchanged("person",
            new Dictionary<string, Totals> { ["P-1"] = Counted }, new Dictionary<string, Totals>()));

        Assert.StartsWith($"the resend changed the totals of 1 person(s); first: P-1 {Counted} -> absent", failure.Message, StringComparison.Ordinal);
    }
}

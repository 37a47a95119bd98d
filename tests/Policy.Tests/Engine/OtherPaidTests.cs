using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Policy.Tests.Households;
using Ledger.Shared;

namespace Ledger.Policy.Tests.Engine;

/// <summary>
/// What others paid (<c>oth_pay</c>) as the feed reports it, on the shipped Jinhua policy: booked after the
/// ledger's basic, critical and assistance payments. A new settlement reporting more than they left is
/// refused whole; a re-adjudication that leaves less books what is left and says how much was not booked.
/// Jinhua, no identity, urban: basic inpatient deductible 300 / 1 000 and ratio 85 % / 65 % at levels 1 / 3;
/// critical deductible 15 000, 60 %.
/// </summary>
public sealed class OtherPaidTests
{
    private static readonly PolicyCatalogue Catalogue = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
    private static readonly MemberContext Nobody = new(Identities.None, Residence.Urban);

    // Level 1, total = scope 10 000: basic (10 000 − 300) × 85 % = 8 245; critical base 1 755 < 15 000; 1 755 left.
    private static Claim LevelOne(DateOnly date, decimal otherPaid) =>
        new(date, MedicalType.Inpatient, 1, 10_000m, 10_000m, OtherPaid: otherPaid);

    private static SettlementKey Key(DateOnly date, string setlId) =>
        new(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset), setlId);

    private static async Task<LedgerBook> Household()
    {
        var book = new LedgerBook("H-OTH", Catalogue);
        Assert.Null((await book.Register(new MemberProfile("P-OTH", "330702", Residence.Urban, []))).Refusal);
        return book;
    }

    [Fact]
    public void The_waterfall_books_what_is_left_and_reports_the_rest_as_unbooked()
    {
        var policy = Catalogue.Find("330702", new DateOnly(2022, 6, 1))!;

        var split = Waterfall.Split(policy, LevelOne(new DateOnly(2022, 6, 1), 10_000m), Nobody, new PersonYear(), new HouseholdYear());

        Assert.Equal((8_245m, 1_755m, 0m, 8_245m, 1_755m), (split.Basic, split.Supplementary, split.SelfPay, split.OtherPaidUnbooked, split.OtherPaidRoom(LevelOne(default, 10_000m))));
    }

    [Fact]
    public void An_oth_pay_that_fits_exactly_is_booked_whole()
    {
        var policy = Catalogue.Find("330702", new DateOnly(2022, 6, 1))!;

        var split = Waterfall.Split(policy, LevelOne(new DateOnly(2022, 6, 1), 1_755m), Nobody, new PersonYear(), new HouseholdYear());

        Assert.Equal((1_755m, 0m, 0m), (split.Supplementary, split.SelfPay, split.OtherPaidUnbooked));
    }

    [Fact]
    public async Task A_new_settlement_reporting_more_than_is_left_is_refused_and_nothing_is_journaled()
    {
        var book = await Household();
        var date = new DateOnly(2022, 6, 1);

        var plan = await book.Settle("P-OTH", Key(date, "S-1"), LevelOne(date, 10_000m));

        Assert.Equal(new LedgerRefusal(RefusalKind.Unprocessable, "oth_pay",
            "10000.00 is more than the 1755.00 left of medfee_sumamt after the payments the ledger computes before it "
            + "(hifp_pay 8245.00, hifmi_pay 0.00, maf_pay 0.00)"), plan.Refusal);
        Assert.Empty(plan.Entries);
        Assert.DoesNotContain(book.Journal, entry => entry.IsSettlement);
        Assert.Equal(0, book.Ledger.Members["P-OTH"].Years.Get(2022).Totals.SettlementCount);
    }

    [Fact]
    public async Task A_late_settlement_reporting_more_than_is_left_is_refused_too()
    {
        var book = await Household();
        Assert.Null((await book.Settle("P-OTH", Key(new DateOnly(2022, 6, 1), "S-2"), LevelOne(new DateOnly(2022, 6, 1), 1_755m))).Refusal);

        var plan = await book.Settle("P-OTH", Key(new DateOnly(2022, 3, 1), "S-1"), LevelOne(new DateOnly(2022, 3, 1), 1_755.01m));

        Assert.Equal((RefusalKind.Unprocessable, "oth_pay"), (plan.Refusal?.Kind, plan.Refusal?.Field));
        Assert.StartsWith("1755.01 is more than the 1755.00 left", plan.Refusal!.Reason, StringComparison.Ordinal);
        Assert.Single(book.Journal, entry => entry.IsSettlement);
    }

    [Fact]
    public async Task A_re_adjudication_that_leaves_less_books_what_is_left_and_says_how_much_was_not_booked()
    {
        // S-2 (June), level 1: basic 8 245, critical base 1 755 < 15 000, oth_pay 1 755 booked whole, self-pay 0.
        // Late S-1 (March), level 3, total = scope 50 000: basic (50 000 − 1 000) × 65 % = 31 850; base 18 150,
        // (18 150 − 15 000) × 60 % = 1 890; self-pay 16 260. S-2 again: base 18 150 + 1 755, all above the
        // deductible: critical 1 755 × 60 % = 1 053; 702 left for oth_pay, 1 053 of it not booked; self-pay 0.
        var book = await Household();
        Assert.Null((await book.Settle("P-OTH", Key(new DateOnly(2022, 6, 1), "S-2"), LevelOne(new DateOnly(2022, 6, 1), 1_755m))).Refusal);

        var plan = await book.Settle("P-OTH", Key(new DateOnly(2022, 3, 1), "S-1"),
            new Claim(new DateOnly(2022, 3, 1), MedicalType.Inpatient, 3, 50_000m, 50_000m));

        Assert.Null(plan.Refusal);
        Assert.Equal((31_850m, 1_890m, 16_260m, 0m), (plan.Entries[0].Change.Totals.Basic, plan.Entries[0].Change.Totals.Critical,
            plan.Entries[0].Change.Totals.SelfPay, plan.Entries[0].OtherPaidUnbooked));
        var adjusted = Assert.Single(plan.Entries, entry => entry.Kind == EntryKind.Adjusted);
        Assert.Equal(("S-2", 1_053m, -1_053m, 0m, 1_053m), (adjusted.SetlId, adjusted.Change.Totals.Critical,
            adjusted.Change.Totals.Supplementary, adjusted.Change.Totals.SelfPay, adjusted.OtherPaidUnbooked));
    }
}

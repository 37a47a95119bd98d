using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Tests.Properties;

namespace Ledger.Policy.Tests.Households;

/// <summary>
/// A journal written before the year's inpatient deductibles paid were kept (its entries carry 0): a
/// referral after the upgrade counts the stays it holds, and re-adjudicating them journals no adjustment of
/// no amount.
/// </summary>
public sealed class DeductibleUpgradeTests
{
    private static readonly MemberProfile Person = new("P1", "350102", Residence.Rural,
        [new IdentityPeriod(Identities.Dibao, new DateOnly(2022, 1, 1), null)]);

    private static SettlementKey Key(int month, string id) => new(new DateTimeOffset(2022, month, 1, 10, 0, 0, TimeSpan.FromHours(8)), id);

    private static readonly Claim Stay = new(new DateOnly(2022, 3, 1), MedicalType.Inpatient, 1, 5_000m, 5_000m);

    private static readonly Claim Referral = new(new DateOnly(2022, 5, 1), MedicalType.Inpatient, 3, 20_000m, 20_000m, Referral: true);

    [Fact]
    public async Task A_referral_after_the_upgrade_counts_the_deductible_of_a_stay_journaled_before_it()
    {
        var fresh = new LedgerBook("H", Scenario.Catalogue);
        await fresh.Register(Person);
        await fresh.Settle("P1", Key(3, "S1"), Stay);
        var reference = (await fresh.Settle("P1", Key(5, "S2"), Referral)).Entries[0].Change;

        var upgraded = await JournaledBeforeTheUpgrade();
        var referral = (await upgraded.Settle("P1", Key(5, "S2"), Referral)).Entries[0].Change;

        // Level 1 paid 200 of its deductible; the referral to level 3 is charged the 800 left, not 1 000.
        Assert.Equal(1_968.00m, reference.Totals.SelfPay);
        Assert.Equal(reference, referral);
    }

    [Fact]
    public async Task A_late_bill_before_a_stay_journaled_before_the_upgrade_journals_no_adjustment_of_no_amount()
    {
        var upgraded = await JournaledBeforeTheUpgrade();
        await upgraded.Settle("P1", Key(5, "S2"), Referral);

        var late = await upgraded.Settle("P1", Key(2, "S0"), new Claim(new DateOnly(2022, 2, 1), MedicalType.Outpatient, 1, 100m, 100m));

        Assert.Equal([(EntryKind.Recorded, "S0")], late.Entries.Select(entry => (entry.Kind, entry.SetlId)));
        // The running figure the live ledger folded is the one a rebuild from the journal works out.
        var rebuilt = HouseholdLedger.Of("H", [Person]);
        rebuilt.Rebuild(upgraded.Journal, upgraded.Policies);
        // 200 at level 1, the 800 left at level 3.
        Assert.Equal(1_000.00m, rebuilt.Members["P1"].Years.Get(2022).InpatientDeductiblePaid);
        Assert.Equal(rebuilt.Members["P1"].Years.Get(2022), upgraded.Ledger.Members["P1"].Years.Get(2022));
    }

    [Fact]
    public async Task A_snapshot_taken_before_the_deductibles_paid_were_kept_is_rebuilt()
    {
        var upgraded = await JournaledBeforeTheUpgrade();

        Assert.Null(HouseholdLedger.Restore("H", upgraded.Ledger.Export() with { DeductiblesKept = false }, [Person]));
    }

    [Fact]
    public async Task A_late_stay_that_changes_only_what_a_pre_adjudicated_referral_paid_towards_its_deductible_journals_no_adjustment()
    {
        var book = new LedgerBook("H", Scenario.Catalogue);
        await book.Register(Person);
        // The platform adjudicated the referral: its amounts are fixed; it paid the whole 1 000 towards its deductible.
        await book.Settle("P1", Key(5, "S2"), Referral with { PrepaidBasic = 13_000m, PrepaidCritical = 0m, PrepaidAssistance = 0m });

        var late = await book.Settle("P1", Key(3, "S1"), Stay);

        // The level-1 stay paid 200, so the referral now counts 800: a change of no amount, so no adjustment.
        Assert.Equal([(EntryKind.Recorded, "S1")], late.Entries.Select(entry => (entry.Kind, entry.SetlId)));
        Assert.Equal(1_000.00m, book.Ledger.Members["P1"].Years.Get(2022).InpatientDeductiblePaid);
        var rebuilt = HouseholdLedger.Of("H", [Person]);
        rebuilt.Rebuild(book.Journal, book.Policies);
        Assert.Equal(rebuilt.Members["P1"].Years.Get(2022), book.Ledger.Members["P1"].Years.Get(2022));
    }

    /// <summary>The level-1 stay as the release before journaled it (no deductible paid), the ledger rebuilt from it.</summary>
    private static async Task<LedgerBook> JournaledBeforeTheUpgrade()
    {
        var book = new LedgerBook("H", Scenario.Catalogue);
        await book.Register(Person);
        await book.Settle("P1", Key(3, "S1"), Stay);
        for (var i = 0; i < book.Journal.Count; i++)
        {
            book.Journal[i] = book.Journal[i] with { Change = book.Journal[i].Change with { DeductiblePaid = 0m } };
        }
        book.Ledger.Rebuild(book.Journal, book.Policies);
        return book;
    }
}

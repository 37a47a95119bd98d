using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Tests.Properties;

namespace Ledger.Policy.Tests.Households;

/// <summary>
/// A sole member re-registered in another region (参保地 changed): each settlement stays computed under the
/// policy of the region it was recorded in, so the change re-splits nothing already settled, and the
/// settlements after it are computed under the new region's policy.
/// </summary>
public sealed class RegionChangeTests
{
    private static readonly IdentityPeriod[] Dibao = [new(Identities.Dibao, new DateOnly(2022, 1, 1), null)];

    private static readonly MemberProfile InFuzhou = new("P", "350102", Residence.Rural, Dibao);

    private static readonly MemberProfile InJinhua = InFuzhou with { RegionCode = "330702" };

    private static readonly MemberProfile InXiamen = InFuzhou with { RegionCode = "350203" };

    private static SettlementKey Key(int month, string id) => new(new DateTimeOffset(2022, month, 1, 10, 0, 0, TimeSpan.FromHours(8)), id);

    private static Claim Stay(int month, decimal amount) => new(new DateOnly(2022, month, 1), MedicalType.Inpatient, 3, amount, amount);

    [Theory]
    [InlineData("330702")]
    [InlineData("350203")]
    public async Task A_region_change_journals_the_change_and_no_adjustment_of_earlier_settlements(string region)
    {
        var book = await SettledInFuzhou();
        var before = book.Ledger.Members["P"].Years.Get(2022);

        var changed = await book.Register(InFuzhou with { RegionCode = region });

        var entry = Assert.Single(changed.Entries);
        Assert.Equal((EntryKind.IdentityChanged, region), (entry.Kind, entry.RegionCode));
        Assert.Empty(entry.Events);
        Assert.Equal(before, book.Ledger.Members["P"].Years.Get(2022));
        Assert.Equal(region, book.Ledger.RegionCode);
    }

    [Fact]
    public async Task A_settlement_after_the_change_is_computed_under_the_new_region_and_labelled_with_it()
    {
        var book = await SettledInFuzhou();
        await book.Register(InJinhua);

        var later = Assert.Single((await book.Settle("P", Key(6, "S3"), Stay(6, 10_000m))).Entries);

        Assert.Equal((EntryKind.Recorded, "330702", "jinhua-2022"), (later.Kind, later.RegionCode, later.PolicyId));
        // The same bill settled by a Jinhua member with the same year behind it: the new region's policy reads it.
        var jinhua = new LedgerBook("J", Scenario.Catalogue);
        await jinhua.Register(InJinhua);
        foreach (var settled in book.Journal.Where(entry => entry.Kind == EntryKind.Recorded && entry.SetlId != "S3"))
        {
            jinhua.Ledger.Apply(settled with { HouseholdId = "J" });
        }
        Assert.Equal(Assert.Single((await jinhua.Settle("P", Key(6, "S3"), Stay(6, 10_000m))).Entries).Change, later.Change);
    }

    [Theory]
    [InlineData("330702")]
    [InlineData("350203")]
    public async Task A_reversal_after_the_change_re_adjudicates_earlier_settlements_under_their_own_region(string region)
    {
        var stayed = await SettledInFuzhou();
        var moved = await SettledInFuzhou();
        await moved.Register(InFuzhou with { RegionCode = region });

        var reference = await stayed.Reverse("P", "S1");
        var reversal = await moved.Reverse("P", "S1");

        // S2 is split again without S1 exactly as it would be had the person stayed in Fuzhou, and the
        // adjustment is Fuzhou's to pay or reclaim: its region and policy are those S2 was recorded under.
        var adjusted = Assert.Single(reversal.Entries, entry => entry.Kind == EntryKind.Adjusted);
        Assert.Equal(("S2", "350102", "fujian-2022"), (adjusted.SetlId, adjusted.RegionCode, adjusted.PolicyId));
        // Without S1 the critical layer no longer pays 6 305.00 of S2; dibao assistance takes 70 % of it under Fujian's rules.
        Assert.Equal((0.00m, -6_305.00m, 4_413.50m, 1_891.50m), (adjusted.Change.Totals.Basic, adjusted.Change.Totals.Critical, adjusted.Change.Totals.Assistance, adjusted.Change.Totals.SelfPay));
        Assert.Equal(reference.Entries.Select(entry => (entry.Kind, entry.SetlId, entry.RegionCode, entry.PolicyId, entry.Change)),
            reversal.Entries.Select(entry => (entry.Kind, entry.SetlId, entry.RegionCode, entry.PolicyId, entry.Change)));
        Assert.Equal(stayed.Ledger.Members["P"].Years.Get(2022), moved.Ledger.Members["P"].Years.Get(2022));
        var rebuilt = HouseholdLedger.Of("H", [InFuzhou with { RegionCode = region }]);
        rebuilt.Rebuild(moved.Journal, moved.Policies);
        Assert.Equal(moved.Ledger.Members["P"].Years.Get(2022), rebuilt.Members["P"].Years.Get(2022));
    }

    [Fact]
    public async Task A_late_settlement_after_the_change_re_adjudicates_the_earlier_region_s_settlements_under_their_policy()
    {
        var stayed = await SettledInFuzhou();
        var moved = await SettledInFuzhou();
        await moved.Register(InXiamen);

        var reference = await stayed.Settle("P", Key(2, "S0"), Stay(2, 20_000m));
        var late = await moved.Settle("P", Key(2, "S0"), Stay(2, 20_000m));

        // The late bill arrives after the change, so it is Xiamen's; the Fuzhou stays it pushes up the
        // critical brackets stay Fuzhou's (Fujian's policy, per-city deductible of 3501).
        Assert.Equal([(EntryKind.Recorded, "S0", "350203"), (EntryKind.Adjusted, "S1", "350102")],
            late.Entries.Select(entry => (entry.Kind, entry.SetlId, entry.RegionCode)));
        Assert.Equal(reference.Entries.Select(entry => (entry.Kind, entry.SetlId, entry.PolicyId, entry.Change)),
            late.Entries.Select(entry => (entry.Kind, entry.SetlId, entry.PolicyId, entry.Change)));
    }

    /// <summary>P, dibao in Fuzhou, with a 60 000 stay on 2022-03-01 and a 30 000 one on 2022-04-01.</summary>
    private static async Task<LedgerBook> SettledInFuzhou()
    {
        var book = new LedgerBook("H", Scenario.Catalogue);
        await book.Register(InFuzhou);
        await book.Settle("P", Key(3, "S1"), Stay(3, 60_000m));
        await book.Settle("P", Key(4, "S2"), Stay(4, 30_000m));
        return book;
    }
}

using Ledger.Grains.Journal;
using Ledger.Policy.Households;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// Orleans may run two activations of one household for a moment while silos join or leave. Each
/// appends behind its fence (the household's newest entry it has seen), so the one that did not see
/// the other's commit is refused, reloads, and plans again on the whole journal.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FenceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_household_another_activation_wrote_to_reloads_and_plans_the_next_settlement_on_the_whole_journal()
    {
        var household = Build.Id("H");
        var person = fixture.Person(Build.Id("P"));
        await person.Register(Build.Person(household, identities: "poverty_alleviated"));
        var first = Build.Inpatient(person.PsnNo, 10_000m, 9_000m);
        Assert.Equal("recorded", (await person.Settle(first)).Status);

        // The other activation: it loaded after the first settlement and committed one of its own.
        var recorded = (await fixture.Journal.FindSettlement(first.SetlId, EntryKind.Recorded))!;
        var fence = (await fixture.Journal.ClaimHousehold(household)).LastPosition;
        var other = await fixture.Journal.Append(JournalAppend.Of([recorded with { SetlId = Build.Id("S"), Position = 0 }])
            with { Fence = new HouseholdFence(household, fence) });
        Assert.False(other.WriterBehind);

        var third = await person.Settle(Build.Inpatient(person.PsnNo, 10_000m, 9_000m));

        Assert.Equal("recorded", third.Status);
        var totals = (await person.Get(ClusterFixture.Now.Year))!.Totals;
        Assert.Equal((3, 30_000m), (totals.SettlementCount, totals.MedfeeSumamt));
        var journal = await fixture.Journal.ReadPersons([person.PsnNo], ClusterFixture.Now.Year, ClusterFixture.Now.Year);
        Assert.Equal(totals.FundPaySumamt, journal.Sum(entry => entry.Change.Totals.FundPay));
    }

    [Fact]
    public async Task A_late_settlement_planned_on_a_ledger_missing_another_activations_commit_reloads_instead_of_failing()
    {
        var household = Build.Id("H");
        var person = fixture.Person(Build.Id("P"));
        await person.Register(Build.Person(household, identities: "poverty_alleviated"));
        var first = Build.Inpatient(person.PsnNo, 10_000m, 9_000m, date: "2022-05-01T10:00:00+08:00");
        Assert.Equal("recorded", (await person.Settle(first)).Status);
        var recorded = (await fixture.Journal.FindSettlement(first.SetlId, EntryKind.Recorded))!;
        var fence = (await fixture.Journal.ClaimHousehold(household)).LastPosition;
        await fixture.Journal.Append(JournalAppend.Of([recorded with { SetlId = Build.Id("S"), Position = 0 }])
            with { Fence = new HouseholdFence(household, fence) });

        // Dated before both: re-adjudicated from the journal, which holds a settlement the ledger never folded.
        var late = await person.Settle(Build.Inpatient(person.PsnNo, 10_000m, 9_000m, date: "2022-04-01T10:00:00+08:00"));

        Assert.Equal("recorded", late.Status);
        var totals = (await person.Get(ClusterFixture.Now.Year))!.Totals;
        Assert.Equal((3, 30_000m), (totals.SettlementCount, totals.MedfeeSumamt));
        var journal = await fixture.Journal.ReadPersons([person.PsnNo], ClusterFixture.Now.Year, ClusterFixture.Now.Year);
        Assert.Equal(totals.FundPaySumamt, journal.Sum(entry => entry.Change.Totals.FundPay));
    }
}

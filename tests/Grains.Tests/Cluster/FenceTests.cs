using Ledger.Contracts;
using Ledger.Contracts.Settlements;
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
        var person = await SettledOnceThenCopiedByAnotherActivation(psnNo => Build.Inpatient(psnNo, 10_000m, 9_000m));

        var third = await person.Settle(Build.Inpatient(person.PsnNo, 10_000m, 9_000m));

        Assert.Equal("recorded", third.Status);
        await AssertCountsAllThree(person);
    }

    [Fact]
    public async Task A_late_settlement_planned_on_a_ledger_missing_another_activations_commit_reloads_instead_of_failing()
    {
        var person = await SettledOnceThenCopiedByAnotherActivation(psnNo => Build.Inpatient(psnNo, 10_000m, 9_000m, date: "2022-05-01T10:00:00+08:00"));

        // Dated before both: re-adjudicated from the journal, which holds a settlement the ledger never folded.
        var late = await person.Settle(Build.Inpatient(person.PsnNo, 10_000m, 9_000m, date: "2022-04-01T10:00:00+08:00"));

        Assert.Equal("recorded", late.Status);
        await AssertCountsAllThree(person);
    }

    [Fact]
    public async Task A_read_after_another_activations_commit_reloads_and_shows_it()
    {
        var person = await SettledOnceThenCopiedByAnotherActivation(psnNo => Build.Inpatient(psnNo, 10_000m, 9_000m));

        var read = (await person.Get(ClusterFixture.Now.Year))!;
        var household = await fixture.Grains.Household(read.HouseholdId).Get(ClusterFixture.Now.Year);

        Assert.Equal((2, 20_000m), (read.Totals.SettlementCount, read.Totals.MedfeeSumamt));
        Assert.Equal((2, 20_000m), (household.Totals.SettlementCount, household.Totals.MedfeeSumamt));
    }

    /// <summary>
    /// A person with one settlement of 10 000 through its household grain, and then the other activation:
    /// it loaded after that settlement and committed one of its own, a copy under another setl_id.
    /// </summary>
    private async Task<PersonUnderTest> SettledOnceThenCopiedByAnotherActivation(Func<string, SettlementRequest> settlement)
    {
        var household = Build.Id("H");
        var person = fixture.Person(Build.Id("P"));
        await person.Register(Build.Person(household, identities: "poverty_alleviated"));
        var first = settlement(person.PsnNo);
        Assert.Equal("recorded", (await person.Settle(first)).Status);
        var recorded = (await fixture.Journal.FindSettlement(first.SetlId, EntryKind.Recorded))!;
        var fence = (await fixture.Journal.ClaimHousehold(household)).LastPosition;
        var other = await fixture.Journal.Append(JournalAppend.Of([recorded with { SetlId = Build.Id("S"), Position = 0 }])
            with { Fence = new HouseholdFence(household, fence) });
        Assert.False(other.WriterBehind);
        return person;
    }

    /// <summary>The person's totals count all three settlements of 10 000, and equal what the journal holds.</summary>
    private async Task AssertCountsAllThree(PersonUnderTest person)
    {
        var totals = (await person.Get(ClusterFixture.Now.Year))!.Totals;
        Assert.Equal((3, 30_000m), (totals.SettlementCount, totals.MedfeeSumamt));
        var journal = await fixture.Journal.ReadPersons([person.PsnNo], ClusterFixture.Now.Year, ClusterFixture.Now.Year);
        Assert.Equal(totals.FundPaySumamt, journal.Sum(entry => entry.Change.Totals.FundPay));
    }
}

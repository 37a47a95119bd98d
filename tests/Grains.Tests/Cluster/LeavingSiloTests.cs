using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>A silo that leaves while it holds a household: the call is retried, and the retry finds what the first attempt wrote.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LeavingSiloTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_registration_whose_answer_was_lost_to_a_leaving_silo_is_retried_and_answered_once_written()
    {
        var household = Build.Id("H");
        var person = fixture.Person(Build.Id("P"));
        fixture.LeavingSilo.LoseNextAnswer(household);

        var (view, error) = await person.Register(Build.Person(household, identities: "poverty_alleviated"));

        Assert.Null(error);
        Assert.False(fixture.LeavingSilo.Pending(household));
        Assert.Equal(household, view!.HouseholdId);
        Assert.Single(await fixture.Journal.PersonsOf(household));
    }

    [Fact]
    public async Task A_move_whose_answer_was_lost_to_a_leaving_silo_is_retried_and_answered_once_moved()
    {
        var (from, to) = (Build.Id("H"), Build.Id("H"));
        var person = await SettledIn(from);
        fixture.LeavingSilo.LoseNextAnswer(to, "Admit");

        var (moved, error) = await person.Register(Build.Person(to));

        Assert.Null(error);
        Assert.False(fixture.LeavingSilo.Pending(to, "Admit"));
        Assert.Equal(to, moved!.HouseholdId);
        Assert.Equal((1, 12_000m), (moved.Totals.SettlementCount, moved.Totals.MedfeeSumamt));
        Assert.Empty(await fixture.Journal.PersonsOf(from));
        Assert.Equal([person.PsnNo], (await fixture.Journal.PersonsOf(to)).Select(member => member.PsnNo));
    }

    [Fact]
    public async Task A_move_that_never_reaches_its_new_household_leaves_the_person_settled_where_it_was()
    {
        var (from, to) = (Build.Id("H"), Build.Id("H"));
        var person = await SettledIn(from);
        fixture.LeavingSilo.Refuse(to, "Admit", times: TransientRetry.Delays.Length + 1);

        var (_, error) = await person.Register(Build.Person(to));

        Assert.Equal(RejectionCode.Unavailable, error?.Code);
        Assert.False(fixture.LeavingSilo.Pending(to, "Admit"));
        Assert.Equal(SettlementStatus.Recorded, (await person.Settle(Build.Inpatient(person.PsnNo, 1_000m, 1_000m))).Status);
        var stayed = await person.Get(2022);
        Assert.Equal((from, 2, 13_000m), (stayed!.HouseholdId, stayed.Totals.SettlementCount, stayed.Totals.MedfeeSumamt));
    }

    private async Task<PersonUnderTest> SettledIn(string householdId)
    {
        var person = fixture.Person(Build.Id("P"));
        Assert.Null((await person.Register(Build.Person(householdId))).Error);
        Assert.Equal(SettlementStatus.Recorded, (await person.Settle(Build.Inpatient(person.PsnNo, 12_000m, 10_000m))).Status);
        return person;
    }
}

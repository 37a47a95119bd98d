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
}

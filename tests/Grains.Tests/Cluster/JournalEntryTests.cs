using Ledger.Grains.Journal;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>What a settlement commits is in the journal, with the events its answer carried.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JournalEntryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_journal_holds_a_settlements_entry_with_the_events_of_its_answer_by_position()
    {
        var psnNo = Build.Id("P");
        var person = fixture.Person(psnNo);
        Assert.Null((await person.Register(Build.Person(Build.Id("H"), "350181", identities: "poverty_alleviated"))).Error);
        var settlement = Build.Inpatient(psnNo, 82_000m, 80_000m);
        var result = await person.Settle(settlement);

        var entries = await fixture.Journal.ReadAfter(0, 100_000, "350181");

        Assert.Equal(result.Events.Select(e => e.EventId), entries.Where(e => e.SetlId == settlement.SetlId).SelectMany(EntryEvents.Of).Select(e => e.EventId));
        Assert.Equal(["settlement_recorded", "threshold_warning", "threshold_crossed", "threshold_crossed", "threshold_crossed"], result.Events.Select(e => e.Kind));
    }
}

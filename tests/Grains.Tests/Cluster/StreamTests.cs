using System.Collections.Concurrent;
using Ledger.Contracts.Events;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Orleans.Streams;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>Committed journal entries fan out over the Orleans stream to live consumers on any silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StreamTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_settlements_committed_entries_reach_a_stream_subscriber_once_with_the_events_of_its_answer()
    {
        var received = new ConcurrentQueue<JournalEntry>();
        var stream = fixture.Client.GetStreamProvider(EventStreams.ProviderName).GetStream<CommittedEntries>(JournalFanOut.StreamId);
        var subscription = await stream.SubscribeAsync((batch, _) =>
        {
            foreach (var entry in batch.Entries)
            {
                received.Enqueue(entry);
            }
            return Task.CompletedTask;
        });
        var psnNo = Build.Id("P");
        var person = fixture.Person(psnNo);
        Assert.Null((await person.Register(Build.Person(Build.Id("H"), identities: "poverty_alleviated"))).Error);

        var settlement = Build.Inpatient(psnNo, 82_000m, 80_000m);
        var answer = await person.Settle(settlement);
        await Poll.Until(() => Task.FromResult(received.Any(entry => entry.SetlId == settlement.SetlId)),
            $"the journal entry of {settlement.SetlId} on the live stream");

        var entry = Assert.Single(received, entry => entry.SetlId == settlement.SetlId);
        Assert.Equal(answer.Events.Select(e => e.EventId), EntryEvents.Of(entry).Select(e => e.EventId));
        Assert.Equal(received.Count, received.Select(e => e.Position).Distinct().Count());
        await subscription.UnsubscribeAsync();
    }

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

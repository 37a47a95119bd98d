using System.Collections.Concurrent;
using Ledger.Contracts.Events;
using Ledger.Contracts.Persons;
using Orleans.Runtime;
using Orleans.Streams;

namespace Ledger.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class StreamTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Threshold_crossing_reaches_a_stream_subscriber_exactly_once()
    {
        // A county code of its own, so no other test's events share the stream.
        var region = "35" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var received = new ConcurrentQueue<LedgerEvent>();
        var stream = fixture.Client.GetStreamProvider(EventStreams.ProviderName)
            .GetStream<LedgerEvent>(StreamId.Create(EventStreams.Namespace, region));
        var subscription = await stream.SubscribeAsync((ledgerEvent, _) =>
        {
            received.Enqueue(ledgerEvent);
            return Task.CompletedTask;
        });
        var psnNo = Build.Id("P");
        var person = fixture.Grains.GetGrain<IPersonGrain>(psnNo);
        Assert.Null((await person.Register(Build.Person(Build.Id("H"), region, identities: "poverty_alleviated"))).Error);

        var first = Build.Inpatient(psnNo, 82_000m, 80_000m);
        await person.Settle(first);
        // 30 000 outside the policy scope: the year's self-pay 54 077.70 passes 2 × 23 229 (a new rule);
        // return-to-poverty is already crossed and must not fire again.
        var second = Build.Inpatient(psnNo, 30_000m, 0m, date: "2022-04-01T10:00:00+08:00");
        await person.Settle(second);
        await Poll.Until(() => Task.FromResult(received.Any(e => e.SetlId == second.SetlId && e.Rule == "impoverishment_risk" && e.Kind == EventKinds.ThresholdCrossed)),
            $"impoverishment_risk crossing of {second.SetlId} on stream {region}");

        var crossings = received.Where(e => e.Kind == EventKinds.ThresholdCrossed && e.Rule == "return_to_poverty_risk").ToList();
        var crossing = Assert.Single(crossings);
        Assert.Equal((first.SetlId, psnNo, 24_077.70m), (crossing.SetlId, crossing.SubjectId, crossing.Value));
        Assert.Equal(received.Count, received.Select(e => e.EventId).Distinct().Count());
        Assert.DoesNotContain(received, e => e.Kind == EventKinds.SettlementRecorded);
        await subscription.UnsubscribeAsync();
    }

    [Fact]
    public async Task Events_are_logged_once_by_event_id_for_replay()
    {
        var psnNo = Build.Id("P");
        var person = fixture.Grains.GetGrain<IPersonGrain>(psnNo);
        Assert.Null((await person.Register(Build.Person(Build.Id("H"), "350181", identities: "poverty_alleviated"))).Error);
        var settlement = Build.Inpatient(psnNo, 82_000m, 80_000m);
        var result = await person.Settle(settlement);

        await fixture.EventLog.Append(result.Events);
        var logged = await fixture.EventLog.ReadAfter("350181", 0, 1_000);

        Assert.Equal(result.Events.Select(e => e.EventId), logged.Where(l => l.Event.SetlId == settlement.SetlId).Select(l => l.Event.EventId));
    }
}

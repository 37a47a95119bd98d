using Ledger.Contracts.Events;
using Ledger.Grains.Regions;
using Orleans.Runtime;

namespace Ledger.Grains.Events;

/// <summary>
/// The silo's publisher: log first (durable, idempotent), then the live streams of every region
/// prefix, then the region feed. A failure leaves the events in the household's outbox for a retry.
/// Only what a caseworker watches goes live (<see cref="EventKinds.IsWatched"/>); every event is logged.
/// </summary>
public sealed class EventPublisher(IEventLog log, IClusterClient client, RegionFeed feed) : IEventPublisher
{
    public async Task Publish(IReadOnlyList<LedgerEvent> events)
    {
        await log.Append(events);
        var provider = client.GetStreamProvider(EventStreams.ProviderName);
        var sends = new List<Task>(events.Count * EventStreams.PrefixLengths.Length);
        foreach (var ledgerEvent in events.Where(ledgerEvent => EventKinds.IsWatched(ledgerEvent.Kind)))
        {
            foreach (var length in EventStreams.PrefixLengths)
            {
                if (ledgerEvent.RegionCode.Length >= length)
                {
                    var stream = provider.GetStream<LedgerEvent>(StreamId.Create(EventStreams.Namespace, ledgerEvent.RegionCode[..length]));
                    sends.Add(stream.OnNextAsync(ledgerEvent));
                }
            }
        }
        await Task.WhenAll(sends);
        feed.Add(events);
    }
}

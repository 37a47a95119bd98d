using Ledger.Contracts;
using System.Collections.Concurrent;
using Ledger.Contracts.Events;
using Ledger.Contracts.Regions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledger.Grains.Regions;

/// <summary>
/// Keeps region grains off the settlement path: each silo queues the events its journal committed and sends
/// them in one batch per region prefix and year every <see cref="FlushInterval"/>. A region grain then
/// sees one call per silo per interval, however busy the region is.
/// </summary>
public sealed partial class RegionFeed(IGrainFactory grains, TimeProvider time, ILogger<RegionFeed> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Events waiting for the next flush; beyond this the oldest KPI input is dropped and logged.</summary>
    public const int QueuedEventsMax = 1_000_000;

    private readonly ConcurrentQueue<LedgerEvent> _queue = new();

    /// <summary>Queues the events of committed journal entries (identity changes are no KPI input).</summary>
    public void Add(IReadOnlyList<Policy.Households.JournalEntry> entries)
    {
        foreach (var entry in entries)
        {
            foreach (var ledgerEvent in Journal.EntryEvents.Of(entry))
            {
                if (ledgerEvent.Kind != EventKinds.IdentityChanged)
                {
                    _queue.Enqueue(ledgerEvent);
                }
            }
        }
        while (_queue.Count > QueuedEventsMax && _queue.TryDequeue(out _))
        {
            LogDropped(logger);
        }
    }

    /// <summary>Sends everything queued now; tests call it to avoid waiting for the timer.</summary>
    public async Task Flush()
    {
        var batches = new Dictionary<string, List<LedgerEvent>>();
        while (_queue.TryDequeue(out var ledgerEvent))
        {
            foreach (var length in EventStreams.PrefixLengths)
            {
                if (ledgerEvent.RegionCode.Length >= length)
                {
                    var key = IRegionGrain.Key(ledgerEvent.RegionCode[..length], ledgerEvent.Year);
                    (batches.TryGetValue(key, out var batch) ? batch : batches[key] = []).Add(ledgerEvent);
                }
            }
        }
        await Task.WhenAll(batches.Select(batch => grains.Region(batch.Key).Apply(batch.Value)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Flush();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogFlushFailed(logger, error);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region feed over its queue limit: dropped the oldest KPI input")]
    private static partial void LogDropped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region feed flush failed")]
    private static partial void LogFlushFailed(ILogger logger, Exception error);
}

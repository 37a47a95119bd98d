using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Ledger.Policy.Households;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Ledger.Grains.Journal;

/// <summary>
/// Carries what the journal committed to the live consumers of every silo: this silo's commits at once
/// to its own listeners (the event tail, the projector), and over an Orleans stream to every other
/// silo's fan-out, which hands them to its listeners. Fed after the commit and never awaited by a
/// household: a slow or failing stream delays live delivery elsewhere (listeners then read the
/// journal), never a settlement. What it could not stream is counted (<c>ledger.live.dropped</c>, by reason),
/// never left looking delivered: <c>ledger.live.backlog</c> is what still waits, the counter what never went.
/// </summary>
public sealed partial class JournalFanOut : ILifecycleParticipant<ISiloLifecycle>
{
    public const string StreamNamespace = "ledger-journal";

    /// <summary>Committed entries waiting for the stream; beyond this further commits are not streamed (listeners read the journal) and are counted dropped.</summary>
    public const int BacklogMax = 100_000;

    /// <summary>Batches a listener may have waiting; the oldest go first (the listener sees the gap and reads the journal).</summary>
    public const int ListenerBatchesMax = 10_000;

    public static readonly StreamId StreamId = StreamId.Create(StreamNamespace, "all");

    public static readonly TimeSpan SubscribeRetryPeriod = TimeSpan.FromSeconds(1);

    private readonly IClusterClient _client;
    private readonly LedgerMetrics _metrics;
    private readonly ILogger<JournalFanOut> _logger;
    private readonly Channel<IReadOnlyList<JournalEntry>> _toStream =
        Channel.CreateUnbounded<IReadOnlyList<JournalEntry>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private ChannelWriter<IReadOnlyList<JournalEntry>>[] _listeners = [];
    private long _backlog;
    private long _droppedStreamFailed;
    private long _droppedBacklogFull;

    /// <summary>Reasons entries are dropped (tag <c>reason</c> of <c>ledger.live.dropped</c>).</summary>
    public const string StreamFailed = "stream_failed";

    public const string BacklogFull = "backlog_full";

    public JournalFanOut(IClusterClient client, LedgerMetrics metrics, ILogger<JournalFanOut> logger)
    {
        (_client, _metrics, _logger) = (client, metrics, logger);
        metrics.Meter.CreateObservableGauge("ledger.live.backlog", () => Interlocked.Read(ref _backlog), "{entry}",
            "Committed journal entries not yet handed to the other silos");
        // Observed, so both reasons are exported from start at 0 and an alert's rate is defined before the first drop.
        metrics.Meter.CreateObservableCounter("ledger.live.dropped", () => (Measurement<long>[])
            [
                new(Interlocked.Read(ref _droppedStreamFailed), new KeyValuePair<string, object?>("reason", StreamFailed)),
                new(Interlocked.Read(ref _droppedBacklogFull), new KeyValuePair<string, object?>("reason", BacklogFull)),
            ],
            "{entry}", "Committed journal entries not handed to the other silos (they read them from the journal), by reason");
    }

    /// <summary>Which silo sent a batch: a fan-out skips its own, which its listeners already have.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Every commit from now on, this silo's and the others', in the order each silo committed them.</summary>
    public ChannelReader<IReadOnlyList<JournalEntry>> Listen()
    {
        var channel = Channel.CreateBounded<IReadOnlyList<JournalEntry>>(new BoundedChannelOptions(ListenerBatchesMax)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest,
        });
        lock (_gate)
        {
            _listeners = [.. _listeners, channel.Writer];
        }
        return channel.Reader;
    }

    /// <summary>Called by the journal after each commit, in commit order.</summary>
    public void Committed(IReadOnlyList<JournalEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }
        Hand(entries);
        _metrics.Journaled(entries);
        if (Interlocked.Read(ref _backlog) < BacklogMax)
        {
            Interlocked.Add(ref _backlog, entries.Count);
            _toStream.Writer.TryWrite(entries);
        }
        else
        {
            Interlocked.Add(ref _droppedBacklogFull, entries.Count);
        }
    }

    private void Hand(IReadOnlyList<JournalEntry> entries)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener.TryWrite(entries);
        }
    }

    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    /// <summary>Streams from the moment the silo is active (streams work) until it stops.</summary>
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(JournalFanOut), ServiceLifecycleStage.Active,
        _ =>
        {
            _running = Task.Run(() => Run(_stopping.Token), CancellationToken.None);
            return Task.CompletedTask;
        },
        async _ =>
        {
            _toStream.Writer.TryComplete();
            await _stopping.CancelAsync();
            await _running;
        });

    private async Task Run(CancellationToken stoppingToken)
    {
        var stream = _client.GetStreamProvider(Contracts.Events.EventStreams.ProviderName).GetStream<CommittedEntries>(StreamId);
        var subscribing = Subscribe(stream, stoppingToken);
        var membership = _client.ServiceProvider.GetService<IClusterMembershipService>();
        // Alone in the cluster (the embedded mode, or the last silo standing) there is nobody to tell.
        await Publish(stream, () => membership?.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) > 1, stoppingToken);
        if (await subscribing is { } subscription)
        {
            await subscription.UnsubscribeAsync();
        }
    }

    /// <summary>Subscribes to the other silos' commits, retrying while the stream's pub-sub store is unreachable.</summary>
    private async Task<StreamSubscriptionHandle<CommittedEntries>?> Subscribe(IAsyncStream<CommittedEntries> stream, CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                return await stream.SubscribeAsync((batch, _) =>
                {
                    if (batch.Origin != Origin)
                    {
                        Hand(batch.Entries);
                    }
                    return Task.CompletedTask;
                });
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                if (!failing)
                {
                    LogSubscribeFailed(_logger, error.GetType().Name);
                    failing = true;
                }
                await Task.Delay(SubscribeRetryPeriod, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        return null;
    }

    /// <summary>
    /// Streams what was committed, in batches, until stopped. A batch the stream refuses is not retried: the
    /// other silos read it from the journal when they see the gap, and a retry would hold every later
    /// commit behind a failing stream. It leaves the backlog (it no longer waits) and is counted dropped.
    /// </summary>
    internal async Task Publish(IAsyncStream<CommittedEntries> stream, Func<bool> othersActive, CancellationToken stoppingToken)
    {
        var batch = new List<JournalEntry>();
        var failing = false;
        try
        {
            while (await _toStream.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < CommittedEntries.EntriesMax && _toStream.Reader.TryRead(out var entries))
                {
                    batch.AddRange(entries);
                }
                try
                {
                    if (othersActive())
                    {
                        await stream.OnNextAsync(new CommittedEntries(Origin, [.. batch]));
                    }
                    failing = false;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    Interlocked.Add(ref _droppedStreamFailed, batch.Count);
                    if (!failing)
                    {
                        LogStreamFailed(_logger, batch.Count, error.GetType().Name);
                        failing = true;
                    }
                }
                Interlocked.Add(ref _backlog, -batch.Count);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: other silos read whatever was not streamed from the journal.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to other silos' commits yet ({ErrorType}); retrying, and reading the journal meanwhile")]
    private static partial void LogSubscribeFailed(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live fan-out of {Count} committed entries failed ({ErrorType}); other silos read them from the journal")]
    private static partial void LogStreamFailed(ILogger logger, int count, string errorType);
}

/// <summary>One silo's commits, in order, as the live stream carries them.</summary>
[GenerateSerializer, Immutable, Alias("ledger.committed-entries")]
public sealed record CommittedEntries([property: Id(0)] string Origin, [property: Id(1)] IReadOnlyList<JournalEntry> Entries)
{
    public const int EntriesMax = 2_000;
}

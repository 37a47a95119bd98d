using System.Diagnostics;
using System.Threading.Channels;
using Ledger.Contracts.Events;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;

namespace Ledger.Silo.Streaming;

/// <summary>
/// The live side of the caseworkers' event streams: one reader per silo follows the journal in
/// position order and hands each watched event to the connections whose region prefix covers it.
/// Commits arrive through the journal fan-out (this silo's at once, other silos' over the Orleans
/// stream); while they follow on from what the tail delivered they are delivered as they are, and a gap
/// (a batch still on its way, a dropped one) or a quiet interval means reading the journal. Replay and
/// live read the same journal, so a client resuming after event n receives exactly what followed it.
/// </summary>
public sealed partial class EventTail(IJournal journal, JournalFanOut fanOut, ILogger<EventTail> logger) : BackgroundService
{
    /// <summary>How long the tail waits for commits before reading the journal anyway.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a gap may stay open before the tail reads the journal to fill it.</summary>
    public static readonly TimeSpan GapWait = TimeSpan.FromMilliseconds(50);

    public const int ReadBatchMax = 1_000;

    private readonly Lock _gate = new();
    private readonly List<TailSubscription> _subscriptions = [];
    private ChannelReader<IReadOnlyList<JournalEntry>>? _arrivals;
    private long _position;
    private bool _failing;

    /// <summary>
    /// A connection's live events: everything committed after <see cref="TailSubscription.Position"/>
    /// under <paramref name="regionPrefix"/>; what came before is the connection's to replay.
    /// </summary>
    public TailSubscription Subscribe(string regionPrefix)
    {
        lock (_gate)
        {
            var subscription = new TailSubscription(this, regionPrefix, _position);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    internal void Unsubscribe(TailSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>Live streams begin at the end of the journal as it is when the silo starts.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _arrivals = fanOut.Listen();
        _position = await journal.LastPosition(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new SortedDictionary<long, JournalEntry>();
        long? gapSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var arrived = await Arrive(pending, pending.Count > 0 ? GapWait : PollInterval, stoppingToken);
            if (!arrived || (gapSince is { } since && Stopwatch.GetElapsedTime(since) > GapWait))
            {
                await ReadJournal(pending, stoppingToken);
            }
            DeliverContiguous(pending);
            gapSince = pending.Count == 0 ? null : gapSince ?? Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Takes what arrives within <paramref name="wait"/>; false when nothing did (time to read the journal).</summary>
    private async Task<bool> Arrive(SortedDictionary<long, JournalEntry> pending, TimeSpan wait, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            if (!await _arrivals!.WaitToReadAsync(timeout.Token))
            {
                return false;
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        while (_arrivals.TryRead(out var batch))
        {
            foreach (var entry in batch.Where(entry => entry.Position > _position))
            {
                pending[entry.Position] = entry;
            }
        }
        return true;
    }

    private async Task ReadJournal(SortedDictionary<long, JournalEntry> pending, CancellationToken stoppingToken)
    {
        try
        {
            var read = await journal.ReadAfter(_position, ReadBatchMax, cancellationToken: stoppingToken);
            _failing = false;
            foreach (var entry in read)
            {
                pending[entry.Position] = entry;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The journal is unreachable (database down): streams pause and resume where they were.
            if (!_failing)
            {
                LogReadFailed(logger, error.GetType().Name);
                _failing = true;
            }
        }
    }

    /// <summary>Delivers the entries that follow on from the last delivered; a gap waits for its entries.</summary>
    private void DeliverContiguous(SortedDictionary<long, JournalEntry> pending)
    {
        lock (_gate)
        {
            while (pending.Remove(_position + 1, out var entry))
            {
                foreach (var ledgerEvent in EntryEvents.Of(entry).Where(EventKinds.IsWatched))
                {
                    foreach (var subscription in _subscriptions)
                    {
                        if (ledgerEvent.RegionCode.StartsWith(subscription.RegionPrefix, StringComparison.Ordinal))
                        {
                            subscription.Offer(ledgerEvent);
                        }
                    }
                }
                _position = entry.Position;
            }
            // Anything at or before the position came twice (a batch both read and received).
            while (pending.Count > 0 && pending.First().Key <= _position)
            {
                pending.Remove(pending.First().Key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event tail cannot read the journal ({ErrorType}); live streams pause until it can")]
    private static partial void LogReadFailed(ILogger logger, string errorType);
}

/// <summary>One connection's place in the tail. Disposing it leaves the tail.</summary>
public sealed class TailSubscription : IDisposable
{
    /// <summary>Events one connection may have waiting; a client this far behind is cut off and resumes with Last-Event-ID.</summary>
    public const int PendingMax = 10_000;

    private readonly EventTail _tail;
    private readonly Channel<LedgerEvent> _pending = Channel.CreateBounded<LedgerEvent>(new BoundedChannelOptions(PendingMax) { SingleReader = true });

    internal TailSubscription(EventTail tail, string regionPrefix, long position)
    {
        _tail = tail;
        RegionPrefix = regionPrefix;
        Position = position;
    }

    public string RegionPrefix { get; }

    /// <summary>The journal position live delivery starts after.</summary>
    public long Position { get; }

    /// <summary>Live events in journal order; completes with an error when the client fell <see cref="PendingMax"/> behind.</summary>
    public ChannelReader<LedgerEvent> Events => _pending.Reader;

    internal void Offer(LedgerEvent ledgerEvent)
    {
        if (!_pending.Writer.TryWrite(ledgerEvent))
        {
            _pending.Writer.TryComplete(new InvalidOperationException($"the client fell {PendingMax} events behind"));
        }
    }

    public void Dispose() => _tail.Unsubscribe(this);
}

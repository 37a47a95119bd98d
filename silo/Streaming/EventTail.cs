using System.Threading.Channels;
using Ledger.Contracts.Events;
using Ledger.Grains.Events;

namespace Ledger.Silo.Streaming;

/// <summary>
/// The live side of the caseworkers' event streams: one reader per silo follows the event log in log
/// order and hands each watched event to the connections whose region prefix covers it. Replay and
/// live read the same log, so a client resuming after event n receives exactly what followed it,
/// whichever silo logged it, across restarts and whatever became of other silos. (The log's order is
/// its commit order; see <c>PostgresEventLog</c>.)
/// </summary>
public sealed partial class EventTail(IEventLog log, ILogger<EventTail> logger) : BackgroundService
{
    /// <summary>How long the tail waits for other silos' appends before reading anyway; its own wake it at once.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public const int ReadBatchMax = 1_000;

    private readonly Lock _gate = new();
    private readonly List<TailSubscription> _subscriptions = [];
    private long _position;
    private bool _failing;

    /// <summary>
    /// A connection's live events: everything logged after <see cref="TailSubscription.Position"/>
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

    /// <summary>Live streams begin at the end of the log as it is when the silo starts.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _position = await log.LastSequence(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await log.ReadAfter("", _position, ReadBatchMax, stoppingToken);
                _failing = false;
                if (batch.Count > 0)
                {
                    Dispatch(batch);
                    continue;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The log is unreachable (database down): streams pause and resume where they were.
                if (!_failing)
                {
                    LogReadFailed(logger, error.GetType().Name, error.Message);
                    _failing = true;
                }
            }
            // This silo's appends come with their positions: while they follow on from what the tail
            // has seen they are delivered as they are, without reading them back. A gap (another
            // silo's append, a pulse missed while reading) or a quiet interval means reading the log.
            var appended = await log.Appended.WaitAsync(PollInterval, stoppingToken);
            while (Follows(appended))
            {
                Dispatch(appended);
                appended = await log.Appended.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    private bool Follows(IReadOnlyList<LoggedEvent> appended)
    {
        var expected = _position + 1;
        foreach (var logged in appended)
        {
            if (logged.Sequence != expected++)
            {
                return false;
            }
        }
        return appended.Count > 0;
    }

    private void Dispatch(IReadOnlyList<LoggedEvent> batch)
    {
        lock (_gate)
        {
            foreach (var logged in batch)
            {
                if (EventKinds.IsWatched(logged.Event.Kind))
                {
                    foreach (var subscription in _subscriptions)
                    {
                        if (logged.Event.RegionCode.StartsWith(subscription.RegionPrefix, StringComparison.Ordinal))
                        {
                            subscription.Offer(logged);
                        }
                    }
                }
                _position = logged.Sequence;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event tail cannot read the event log ({ErrorType}: {ErrorMessage}); live streams pause until it can")]
    private static partial void LogReadFailed(ILogger logger, string errorType, string errorMessage);
}

/// <summary>One connection's place in the tail. Disposing it leaves the tail.</summary>
public sealed class TailSubscription : IDisposable
{
    /// <summary>Events one connection may have waiting; a client this far behind is cut off and resumes with Last-Event-ID.</summary>
    public const int PendingMax = 10_000;

    private readonly EventTail _tail;
    private readonly Channel<LoggedEvent> _pending = Channel.CreateBounded<LoggedEvent>(new BoundedChannelOptions(PendingMax) { SingleReader = true });

    internal TailSubscription(EventTail tail, string regionPrefix, long position)
    {
        _tail = tail;
        RegionPrefix = regionPrefix;
        Position = position;
    }

    public string RegionPrefix { get; }

    /// <summary>The log position live delivery starts after.</summary>
    public long Position { get; }

    /// <summary>Live events in log order; completes with an error when the client fell <see cref="PendingMax"/> behind.</summary>
    public ChannelReader<LoggedEvent> Events => _pending.Reader;

    internal void Offer(LoggedEvent logged)
    {
        if (!_pending.Writer.TryWrite(logged))
        {
            _pending.Writer.TryComplete(new InvalidOperationException($"the client fell {PendingMax} events behind"));
        }
    }

    public void Dispose() => _tail.Unsubscribe(this);
}

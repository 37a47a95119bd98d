using Ledger.Policy.Domain;
using Ledger.Contracts.Events;
using Ledger.Grains.Settlements;

namespace Ledger.Grains.Events;

/// <summary>
/// The embedded mode's event log: per silo, in memory, lost on restart (the start-up banner says so).
/// Bounded: the oldest events go once <see cref="EventsRetainedMax"/> is reached.
/// </summary>
public sealed class InMemoryEventLog : IEventLog
{
    public const int EventsRetainedMax = 100_000;

    private readonly Lock _gate = new();
    private readonly List<LoggedEvent> _events = [];
    private readonly Dictionary<string, long> _sequenceById = new(StringComparer.Ordinal);
    private long _sequence;

    public AppendSignal Appended { get; } = new();

    public Task<long> LastSequence(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_sequence);
        }
    }

    public Task Append(IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken = default)
    {
        Appended.Pulse(AppendLocked(events));
        return Task.CompletedTask;
    }

    private List<LoggedEvent> AppendLocked(IReadOnlyList<LedgerEvent> events)
    {
        var logged = new List<LoggedEvent>(events.Count);
        lock (_gate)
        {
            foreach (var ledgerEvent in events)
            {
                if (_sequenceById.TryAdd(ledgerEvent.EventId, _sequence + 1))
                {
                    logged.Add(new LoggedEvent(++_sequence, ledgerEvent));
                    _events.Add(logged[^1]);
                }
            }
            // Trimmed a tenth at a time: shifting the list on every append would cost O(n) per event.
            if (_events.Count > EventsRetainedMax + (EventsRetainedMax / 10))
            {
                var excess = _events.Count - EventsRetainedMax;
                foreach (var dropped in _events.Take(excess))
                {
                    _sequenceById.Remove(dropped.Event.EventId);
                }
                _events.RemoveRange(0, excess);
            }
        }
        return logged;
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadAfter(string regionPrefix, long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var start = FirstAfter(afterSequence);
            IReadOnlyList<LoggedEvent> found = _events.Skip(start)
                .Where(logged => logged.Event.RegionCode.StartsWith(regionPrefix, StringComparison.Ordinal))
                .Take(max).ToList();
            return Task.FromResult(found);
        }
    }

    public Task<long?> SequenceOf(string eventId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_sequenceById.TryGetValue(eventId, out var sequence) ? sequence : (long?)null);
        }
    }

    public Task<IReadOnlyList<LedgerEvent>> ReadMonth(string regionPrefix, int year, int month, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<LedgerEvent> found = _events.Select(logged => logged.Event)
                .Where(ledgerEvent => ledgerEvent.RegionCode.StartsWith(regionPrefix, StringComparison.Ordinal))
                .Where(ledgerEvent => ChinaTime.Date(ledgerEvent.OccurredAt) is var date && date.Year == year && date.Month == month)
                .ToList();
            return Task.FromResult(found);
        }
    }

    /// <summary>Sequences are dense and increasing, so the index of the first later event is a binary search.</summary>
    private int FirstAfter(long sequence)
    {
        int low = 0, high = _events.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_events[middle].Sequence <= sequence) { low = middle + 1; } else { high = middle; }
        }
        return low;
    }
}

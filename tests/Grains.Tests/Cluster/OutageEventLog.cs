using Ledger.Contracts.Events;
using Ledger.Grains.Events;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>The in-memory event log with a switch: while <see cref="Down"/>, appends fail as a database outage would.</summary>
public sealed class OutageEventLog : IEventLog
{
    private readonly InMemoryEventLog _log = new();

    public volatile bool Down;

    public Task Append(IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken = default) =>
        Down ? Task.FromException(new TimeoutException("event log unreachable (test outage)")) : _log.Append(events, cancellationToken);

    public AppendSignal Appended => _log.Appended;

    public Task<long> LastSequence(CancellationToken cancellationToken = default) => _log.LastSequence(cancellationToken);

    public Task<IReadOnlyList<LoggedEvent>> ReadAfter(string regionPrefix, long afterSequence, int max, CancellationToken cancellationToken = default) =>
        _log.ReadAfter(regionPrefix, afterSequence, max, cancellationToken);

    public Task<long?> SequenceOf(string eventId, CancellationToken cancellationToken = default) => _log.SequenceOf(eventId, cancellationToken);

    public Task<IReadOnlyList<LedgerEvent>> ReadMonth(string regionPrefix, int year, int month, CancellationToken cancellationToken = default) =>
        _log.ReadMonth(regionPrefix, year, month, cancellationToken);
}

using Ledger.Contracts.Events;
using Ledger.Grains.Events;

namespace Ledger.Testing;

/// <summary>An event log that hands every call to another; a test overrides the part it takes control of.</summary>
public abstract class DelegatingEventLog(IEventLog inner) : IEventLog
{
    public virtual Task Append(IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken = default) => inner.Append(events, cancellationToken);

    public virtual AppendSignal Appended => inner.Appended;

    public Task<long> LastSequence(CancellationToken cancellationToken = default) => inner.LastSequence(cancellationToken);

    public Task<IReadOnlyList<LoggedEvent>> ReadAfter(string regionPrefix, long afterSequence, int max, CancellationToken cancellationToken = default) =>
        inner.ReadAfter(regionPrefix, afterSequence, max, cancellationToken);

    public Task<long?> SequenceOf(string eventId, CancellationToken cancellationToken = default) => inner.SequenceOf(eventId, cancellationToken);

    public Task<IReadOnlyList<LedgerEvent>> ReadMonth(string regionPrefix, int year, int month, CancellationToken cancellationToken = default) =>
        inner.ReadMonth(regionPrefix, year, month, cancellationToken);
}

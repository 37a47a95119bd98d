using Ledger.Contracts.Events;

namespace Ledger.Grains.Events;

/// <summary>An event with its position in the log (the SSE id a client resumes after).</summary>
public sealed record LoggedEvent(long Sequence, LedgerEvent Event);

/// <summary>
/// The durable record of every published event, for SSE replay and monthly reports. Appending is
/// idempotent by <see cref="LedgerEvent.EventId"/>: a re-published outbox changes nothing.
/// </summary>
public interface IEventLog
{
    Task Append(IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Pulsed after each append this silo made; appends by other silos are found by reading.</summary>
    AppendSignal Appended { get; }

    /// <summary>The position of the newest logged event, 0 when the log is empty.</summary>
    Task<long> LastSequence(CancellationToken cancellationToken = default);

    /// <summary>Events under a region prefix logged after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<LoggedEvent>> ReadAfter(string regionPrefix, long afterSequence, int max, CancellationToken cancellationToken = default);

    /// <summary>The log position of an event, or null when it is not (or no longer) logged.</summary>
    Task<long?> SequenceOf(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Events under a region prefix that occurred in a month (China time), oldest first.</summary>
    Task<IReadOnlyList<LedgerEvent>> ReadMonth(string regionPrefix, int year, int month, CancellationToken cancellationToken = default);
}

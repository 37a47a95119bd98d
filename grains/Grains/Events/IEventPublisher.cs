using Ledger.Contracts.Events;

namespace Ledger.Grains.Events;

/// <summary>
/// Publishes a household's outbox: to the event log (durably), to the Orleans stream of each region
/// prefix, and to the silo's region feed. Completes when the events are logged; throws if they are not.
/// </summary>
public interface IEventPublisher
{
    Task Publish(IReadOnlyList<LedgerEvent> events);
}

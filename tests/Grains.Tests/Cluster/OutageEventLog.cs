using Ledger.Contracts.Events;
using Ledger.Grains.Events;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>The in-memory event log with a switch: while <see cref="Down"/>, appends fail as a database outage would.</summary>
public sealed class OutageEventLog() : DelegatingEventLog(new InMemoryEventLog())
{
    public volatile bool Down;

    public override Task Append(IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken = default) =>
        Down ? Task.FromException(new TimeoutException("event log unreachable (test outage)")) : base.Append(events, cancellationToken);
}

using Ledger.Grains.Journal;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>The in-memory journal with a switch: while <see cref="Down"/>, appends fail as a database outage would.</summary>
public sealed class OutageJournal(JournalFanOut fanOut) : DelegatingJournal(new InMemoryJournal(fanOut))
{
    public volatile bool Down;

    public override Task<AppendOutcome> Append(JournalAppend append, CancellationToken cancellationToken = default) =>
        Down ? Task.FromException<AppendOutcome>(new TimeoutException("journal unreachable (test outage)")) : base.Append(append, cancellationToken);
}

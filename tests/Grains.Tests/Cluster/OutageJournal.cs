using System.Collections.Concurrent;
using Ledger.Grains.Journal;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// The in-memory journal with a switch: while <see cref="Down"/>, appends fail as a database outage would;
/// <see cref="FailNextAppendOf"/> fails one household's next append only (its grain's, by its fence).
/// </summary>
public sealed class OutageJournal(JournalFanOut fanOut) : DelegatingJournal(new InMemoryJournal(fanOut))
{
    private readonly ConcurrentDictionary<string, bool> _failNext = new(StringComparer.Ordinal);

    public volatile bool Down;

    /// <summary>The next append the household's grain makes fails with nothing written, as a storage failure would.</summary>
    public void FailNextAppendOf(string householdId) => _failNext[householdId] = true;

    /// <summary>Whether the household's failure is still to come.</summary>
    public bool FailurePending(string householdId) => _failNext.ContainsKey(householdId);

    public override Task<AppendOutcome> Append(JournalAppend append, CancellationToken cancellationToken = default) =>
        Down || (append.Fence is { } fence && _failNext.TryRemove(fence.HouseholdId, out _))
            ? Task.FromException<AppendOutcome>(new TimeoutException("journal unreachable (test outage)"))
            : base.Append(append, cancellationToken);
}

namespace Ledger.Silo.Security.Audit;

/// <summary>The embedded mode's trail: the newest <see cref="EntriesMax"/> lines, in memory like everything else there.</summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    public const int EntriesMax = 100_000;

    private readonly Lock _gate = new();
    private readonly LinkedList<AuditEntry> _entries = new();
    private long _lastId;

    public Task Record(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                _entries.AddLast(entry with { Id = ++_lastId });
                if (_entries.Count > EntriesMax)
                {
                    _entries.RemoveFirst();
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> Find(AuditQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Ordered as the PostgreSQL trail orders them: concurrent requests' lines are not recorded in the order of their at.
            IReadOnlyList<AuditEntry> found = [.. _entries
                .Where(entry => (query.Subject is null || entry.Subject == query.Subject) && (query.KeyId is null || entry.KeyId == query.KeyId) && query.IsOlder(entry))
                .OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id)
                .Take(query.Limit)];
            return Task.FromResult(found);
        }
    }
}

namespace Ledger.Silo.Projections;

/// <summary>
/// Where the read projections live: PostgreSQL tables in the durable mode, this process's memory in
/// the embedded one. <see cref="Apply"/> is idempotent by journal position: entries at or before the
/// stored checkpoint are skipped, and the changes and the new checkpoint are committed together, so a
/// projector that crashes between reading and committing re-applies nothing twice.
/// </summary>
public interface IProjectionStore
{
    /// <summary>The position of the last journal entry the projections include, 0 when empty.</summary>
    Task<long> Checkpoint(CancellationToken cancellationToken = default);

    /// <summary>Applies the entries after the checkpoint, in order, and moves the checkpoint to the last; returns it.</summary>
    Task<long> Apply(IReadOnlyList<FoldedEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Forgets every projection and the checkpoint: the projector rebuilds them from position 0.</summary>
    Task Reset(CancellationToken cancellationToken = default);

    Task<MonitoringPage> Monitoring(MonitoringQuery query, CancellationToken cancellationToken = default);

    /// <summary>The month-end monitoring rows (API.md: the monthly report), in city, region, person and rule order.</summary>
    IAsyncEnumerable<MonthEndRow> MonthEnd(MonthEndQuery query, CancellationToken cancellationToken = default);

    Task<KpiSums> Kpis(string regionPrefix, int year, CancellationToken cancellationToken = default);

    /// <summary>The adjustments under a prefix logged in [from, until), in journal order.</summary>
    IAsyncEnumerable<AdjustmentRow> Adjustments(string regionPrefix, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default);
}

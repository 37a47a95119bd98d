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

/// <summary>One journal entry's position and what it changes.</summary>
public sealed record FoldedEntry(long Position, DateTimeOffset LoggedAt, IReadOnlyList<ProjectionChange> Changes)
{
    /// <summary>
    /// The entries that follow on from the checkpoint without a gap (journal positions are dense): after a
    /// reset, a batch read before it must not be applied on top of an empty projection.
    /// </summary>
    public static List<FoldedEntry> Contiguous(IReadOnlyList<FoldedEntry> entries, long checkpoint)
    {
        var applying = new List<FoldedEntry>(entries.Count);
        foreach (var entry in entries.Where(entry => entry.Position > checkpoint))
        {
            if (entry.Position != (applying.Count == 0 ? checkpoint : applying[^1].Position) + 1)
            {
                break;
            }
            applying.Add(entry);
        }
        return applying;
    }
}

/// <summary>Open levels under a prefix in a year; without a level, a crossed level hides the warning of the same rule.</summary>
public sealed record MonitoringQuery(string RegionPrefix, int Year, string? Rule, string? Level, string? CityCode, int Page, int PageSize);

public sealed record MonitoringPage(int Page, int PageSize, long TotalCount, IReadOnlyList<MonitoringItem> Items);

public sealed record MonitoringItem(
    string SubjectType, string SubjectId, string HouseholdId, string RegionCode, string CityCode, int Year, string Rule, string Level,
    decimal Value, decimal Threshold, string SetlId, DateTimeOffset SetlTime)
{
    /// <summary>The settlement time of the opening settlement (the name the first release gave it).</summary>
    public DateTimeOffset Since => SetlTime;

    public static MonitoringItem Of(MonitoringRow row) => new(row.Key.SubjectType, row.Key.SubjectId, row.HouseholdId, row.RegionCode,
        row.CityCode, row.Key.Year, row.Key.Rule, row.Key.Level, row.Value, row.Threshold, row.SetlId, row.SetlTime);
}

/// <summary>
/// A month of the monitoring calendar: settlements before <see cref="End"/> (the first instant of the next
/// month, China time) count; those logged at or after it arrived late.
/// </summary>
public sealed record MonthEndQuery(string RegionPrefix, int Year, int Month)
{
    public static readonly string[] Rules = ["impoverishment_risk", "return_to_poverty_risk"];

    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, ChinaTime.Offset);

    public DateTimeOffset End => Start.AddMonths(1);
}

public static class MonthEndStatus
{
    public const string New = "new";
    public const string Continuing = "continuing";
    public const string Exited = "exited";
}

/// <summary>One person and rule of the month-end list.</summary>
public sealed record MonthEndRow(
    string CityCode, string RegionCode, string PsnNo, string HouseholdId, string Identities, string Rule, decimal Threshold,
    decimal PsnPartAmt, string Status, string SetlId, DateTimeOffset SetlTime, bool Late);

/// <summary>A prefix-year's KPI sums, with the populations they cover.</summary>
public sealed record KpiSums(
    IReadOnlyList<string> Populations, long SettlementCount, decimal MedfeeSumamt, decimal FundPaySumamt, decimal PsnPartAmt,
    long HighCostHouseholds, long HighCostCleared);

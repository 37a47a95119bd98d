using Ledger.Contracts.Events;

namespace Ledger.Contracts.Regions;

/// <summary>
/// A region-code prefix in one year (key "<c>{prefix}:{year}</c>"): KPIs and the live monitoring
/// list. Off the settlement path: each silo sends it pre-aggregated batches of events.
/// </summary>
public interface IRegionGrain : IGrainWithStringKey
{
    Task Apply(IReadOnlyList<LedgerEvent> batch);

    Task<RegionKpis> GetKpis();

    /// <summary>The persons and households under monitoring, optionally for one rule, paged.</summary>
    Task<MonitoringPage> GetMonitoring(string? rule, int page, int pageSize);

    static string Key(string prefix, int year) => $"{prefix}:{year}";
}

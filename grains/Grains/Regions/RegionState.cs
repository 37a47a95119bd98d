using Ledger.Contracts.Regions;

namespace Ledger.Grains.Regions;

/// <summary>A region-year's KPI sums (eligible groups only) and its open monitoring entries.</summary>
[GenerateSerializer, Alias("ledger.region-state")]
public sealed class RegionState
{
    [Id(0)] public int SettlementCount { get; set; }
    [Id(1)] public decimal MedfeeSumamt { get; set; }
    [Id(2)] public decimal FundPaySumamt { get; set; }
    [Id(3)] public decimal PsnPartAmt { get; set; }

    /// <summary>Open levels keyed "subject_type/subject_id/rule/level".</summary>
    [Id(4)] public Dictionary<string, MonitoringEntry> Monitoring { get; set; } = [];

    /// <summary>Households with a high-cost settlement this year, and those whose burden the warm fund capped.</summary>
    [Id(5)] public HashSet<string> HighCostHouseholds { get; set; } = [];

    [Id(6)] public HashSet<string> CappedHouseholds { get; set; } = [];
}

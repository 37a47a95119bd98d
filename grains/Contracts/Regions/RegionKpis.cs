namespace Ledger.Contracts.Regions;

/// <summary>
/// Jinhua's indicators for the eligible groups (persons holding any identity): coverage rate
/// (fund payments / total), burden rate (self-pay / total) and high-cost clearance rate (persons with a
/// high-cost settlement whose burden the warm fund capped / persons with a high-cost settlement).
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.region-kpis")]
public sealed record RegionKpis
{
    [Id(0)] public string RegionCode { get; init; } = "";
    [Id(1)] public int Year { get; init; }
    [Id(2)] public int SettlementCount { get; init; }
    [Id(3)] public decimal MedfeeSumamt { get; init; }
    [Id(4)] public decimal FundPaySumamt { get; init; }
    [Id(5)] public decimal PsnPartAmt { get; init; }
    [Id(6)] public decimal? CoverageRate { get; init; }
    [Id(7)] public decimal? BurdenRate { get; init; }
    [Id(8)] public int HighCostPersons { get; init; }
    [Id(9)] public int HighCostCleared { get; init; }
    [Id(10)] public decimal? HighCostClearanceRate { get; init; }
}

/// <summary>One person or household under a monitoring rule.</summary>
[GenerateSerializer, Immutable, Alias("ledger.monitoring-entry")]
public sealed record MonitoringEntry(
    [property: Id(0)] string SubjectType,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] string HouseholdId,
    [property: Id(3)] string RegionCode,
    [property: Id(4)] string Rule,
    [property: Id(5)] string Level,
    [property: Id(6)] decimal Value,
    [property: Id(7)] decimal Threshold,
    [property: Id(8)] DateTimeOffset Since);

[GenerateSerializer, Immutable, Alias("ledger.monitoring-page")]
public sealed record MonitoringPage(
    [property: Id(0)] int Page,
    [property: Id(1)] int PageSize,
    [property: Id(2)] int TotalCount,
    [property: Id(3)] IReadOnlyList<MonitoringEntry> Items);

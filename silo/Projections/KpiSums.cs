namespace Ledger.Silo.Projections;

/// <summary>A prefix-year's KPI sums, with the populations they cover.</summary>
public sealed record KpiSums(
    IReadOnlyList<string> Populations, long SettlementCount, decimal MedfeeSumamt, decimal FundPaySumamt, decimal PsnPartAmt,
    long HighCostHouseholds, long HighCostCleared);

namespace Ledger.Contracts.Households;

/// <summary>A year's totals per payer, in the national platform's field names.</summary>
[GenerateSerializer, Immutable, Alias("ledger.totals")]
public sealed record TotalsView
{
    public static readonly TotalsView Empty = new();

    [Id(0)] public decimal MedfeeSumamt { get; init; }
    [Id(1)] public decimal InscpScpAmt { get; init; }
    [Id(2)] public decimal HifpPay { get; init; }
    [Id(3)] public decimal HifmiPay { get; init; }
    [Id(4)] public decimal MafPay { get; init; }
    [Id(5)] public decimal FloorPay { get; init; }
    [Id(6)] public decimal SupplementaryPay { get; init; }
    [Id(7)] public decimal WarmFundPay { get; init; }
    [Id(8)] public decimal FundPaySumamt { get; init; }
    [Id(9)] public decimal PsnPartAmt { get; init; }
    [Id(10)] public int SettlementCount { get; init; }
}

/// <summary>One monitoring level that has fired and is still open.</summary>
[GenerateSerializer, Immutable, Alias("ledger.threshold")]
public sealed record ThresholdView(
    [property: Id(0)] string Rule,
    [property: Id(1)] string Level,
    [property: Id(2)] decimal Value,
    [property: Id(3)] decimal Threshold);

/// <summary>A person's year as the household ledger holds it.</summary>
[GenerateSerializer, Immutable, Alias("ledger.member-year")]
public sealed record MemberYearView(
    [property: Id(0)] string PsnNo,
    [property: Id(1)] TotalsView Totals,
    [property: Id(2)] IReadOnlyList<ThresholdView> Thresholds);

/// <summary>Burden-cap usage, or null on the household view when no cap applies.</summary>
[GenerateSerializer, Immutable, Alias("ledger.caps")]
public sealed record CapsView(
    [property: Id(0)] decimal IndividualCap,
    [property: Id(1)] decimal HouseholdCap,
    [property: Id(2)] decimal HouseholdBurden,
    [property: Id(3)] decimal HouseholdCapRemaining);

[GenerateSerializer, Immutable, Alias("ledger.household-view")]
public sealed record HouseholdView
{
    [Id(0)] public string HouseholdId { get; init; } = "";
    [Id(1)] public string RegionCode { get; init; } = "";
    [Id(2)] public int Year { get; init; }
    [Id(3)] public IReadOnlyList<MemberYearView> Members { get; init; } = [];
    [Id(4)] public TotalsView Totals { get; init; } = TotalsView.Empty;
    [Id(5)] public CapsView? Caps { get; init; }
    [Id(6)] public IReadOnlyList<ThresholdView> Thresholds { get; init; } = [];
}

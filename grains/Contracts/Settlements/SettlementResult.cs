using Ledger.Contracts.Events;
using Ledger.Shared;

namespace Ledger.Contracts.Settlements;

/// <summary>The wire statuses of a settlement answer (API.md).</summary>
public static class SettlementStatus
{
    public const string Recorded = "recorded";
    public const string Duplicate = "duplicate";
    public const string Reversed = "reversed";
    public const string Rejected = "rejected";
}

/// <summary>
/// The answer for one settlement or reversal: the split per payer, or a typed rejection. A duplicate
/// carries the first answer's amounts and no events.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.settlement-result")]
public sealed record SettlementResult
{
    [Id(0)] public string SetlId { get; init; } = "";
    [Id(1)] public string Status { get; init; } = SettlementStatus.Recorded;
    [Id(2)] public string? PsnNo { get; init; }
    [Id(3)] public string? HouseholdId { get; init; }
    [Id(4)] public int? Year { get; init; }
    [Id(5)] public string? PolicyId { get; init; }
    [Id(6)] public SplitAmounts? Amounts { get; init; }
    [Id(7)] public IReadOnlyList<LedgerEvent> Events { get; init; } = [];
    [Id(8)] public Rejection? Error { get; init; }

    // [Id(9)] was the member's year view, the person grain's cache; retired (a person reads its year from the household).

    /// <summary>Later settlements of the year whose split changed because of this one (re-adjudication).</summary>
    [Id(10)] public IReadOnlyList<AdjustmentView> Adjustments { get; init; } = [];

    /// <summary>When the settlement happened (China time on the wire); null on rejections.</summary>
    [Id(11)] public DateTimeOffset? SetlTime { get; init; }

    public static SettlementResult Rejected(string setlId, Rejection error) =>
        new() { SetlId = setlId, Status = SettlementStatus.Rejected, Error = error };
}

/// <summary>
/// A settlement whose split a re-adjudication changed: the signed change per payer (the self-pay the
/// opposite), and what caused it — a <c>reversal</c>, a <c>late_settlement</c>, an <c>identity_change</c> or a
/// move between households (<c>member_moved</c>) — with the causing setl_id or psn_no.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.adjustment")]
public sealed record AdjustmentView(
    [property: Id(0)] string SetlId,
    [property: Id(1)] string PsnNo,
    [property: Id(2)] string Cause,
    [property: Id(3)] string CauseId,
    [property: Id(4)] SplitAmounts Change,
    [property: Id(5)] decimal? OthPayUnbooked = null);

/// <summary>What each payer paid for one settlement; the fund payments plus self-pay equal the total.</summary>
[GenerateSerializer, Immutable, Alias("ledger.split-amounts")]
public sealed record SplitAmounts(
    [property: Id(0)] decimal MedfeeSumamt,
    [property: Id(1)] decimal InscpScpAmt,
    [property: Id(2)] decimal HifpPay,
    [property: Id(3)] decimal HifmiPay,
    [property: Id(4)] decimal MafPay,
    [property: Id(5)] decimal FloorPay,
    [property: Id(6)] decimal SupplementaryPay,
    [property: Id(7)] decimal WarmFundPay,
    [property: Id(8)] decimal PsnPartAmt)
{
    public decimal FundPaySumamt => FundPay.Sum(HifpPay, HifmiPay, MafPay, FloorPay, SupplementaryPay, WarmFundPay);
}

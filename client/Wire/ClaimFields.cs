namespace Ledger.Client.Wire;

/// <summary>
/// A settlement's claim in the national field names: the members that <c>POST /api/settlements</c> takes
/// (<see cref="SettlementLine"/>) and <c>GET /api/journal</c> shows of a recorded settlement
/// (<see cref="WhatIf.Input.JournalClaim"/>). Null pre-paid amounts mean "the ledger computes them".
/// </summary>
public abstract record ClaimFields
{
    public required string MedType { get; init; }

    public required int HospLv { get; init; }

    public required decimal MedfeeSumamt { get; init; }

    public required decimal InscpScpAmt { get; init; }

    public required decimal FulamtOwnpayAmt { get; init; }

    public required decimal OverlmtSelfpay { get; init; }

    public required decimal PreselfpayAmt { get; init; }

    public decimal? HifpPay { get; init; }

    public decimal? HifmiPay { get; init; }

    public decimal? MafPay { get; init; }
}

namespace Ledger.Client.Wire;

/// <summary>
/// One settlement as <c>POST /api/settlements</c> takes it (national field names). <c>SetlTime</c> is
/// written without an offset, which the API reads as China time. Null pre-paid amounts mean "the
/// ledger computes them".
/// </summary>
public sealed record SettlementLine(
    string SetlId,
    string PsnNo,
    string? MdtrtId,
    string SetlTime,
    string MedType,
    int HospLv,
    decimal MedfeeSumamt,
    decimal InscpScpAmt,
    decimal FulamtOwnpayAmt,
    decimal OverlmtSelfpay,
    decimal PreselfpayAmt,
    decimal? HifpPay,
    decimal? HifmiPay,
    decimal? MafPay);

namespace Ledger.Reliability.Tests.Checks;

/// <summary>A year's totals per payer as the read API answers them (national field names on the wire).</summary>
public sealed record Totals(
    decimal MedfeeSumamt, decimal InscpScpAmt, decimal HifpPay, decimal HifmiPay, decimal MafPay, decimal FloorPay,
    decimal SupplementaryPay, decimal WarmFundPay, decimal FundPaySumamt, decimal PsnPartAmt, int SettlementCount)
{
    public static readonly Totals Zero = new(0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0m, 0);

    public Totals Plus(Totals other) => new(
        MedfeeSumamt + other.MedfeeSumamt, InscpScpAmt + other.InscpScpAmt, HifpPay + other.HifpPay, HifmiPay + other.HifmiPay,
        MafPay + other.MafPay, FloorPay + other.FloorPay, SupplementaryPay + other.SupplementaryPay, WarmFundPay + other.WarmFundPay,
        FundPaySumamt + other.FundPaySumamt, PsnPartAmt + other.PsnPartAmt, SettlementCount + other.SettlementCount);
}

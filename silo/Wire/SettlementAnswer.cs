using Ledger.Contracts.Events;
using Ledger.Contracts.Settlements;
using Ledger.Silo.Http;

namespace Ledger.Silo.Wire;

/// <summary>The settlement answer of API.md: flat national amounts, the events, or the problem.</summary>
/// <remarks>
/// <c>adjustments</c> lists the settlements of the same person-year or household-year whose split this
/// one changed (a late settlement, a reversal): each with its cause and signed change per payer.
/// </remarks>
public sealed record SettlementAnswer(
    string SetlId, string Status, string? PsnNo, string? HouseholdId, int? Year, string? PolicyId, DateTimeOffset? SetlTime,
    decimal? MedfeeSumamt, decimal? InscpScpAmt, decimal? HifpPay, decimal? HifmiPay, decimal? MafPay,
    decimal? FloorPay, decimal? SupplementaryPay, decimal? WarmFundPay, decimal? FundPaySumamt, decimal? PsnPartAmt,
    IReadOnlyList<LedgerEvent> Events, IReadOnlyList<AdjustmentView> Adjustments, Dictionary<string, object?>? Error)
{
    public static SettlementAnswer From(SettlementResult result)
    {
        var amounts = result.Amounts;
        return new SettlementAnswer(result.SetlId, result.Status, result.PsnNo, result.HouseholdId, result.Year, result.PolicyId,
            result.SetlTime, amounts?.MedfeeSumamt, amounts?.InscpScpAmt, amounts?.HifpPay, amounts?.HifmiPay, amounts?.MafPay,
            amounts?.FloorPay, amounts?.SupplementaryPay, amounts?.WarmFundPay, amounts?.FundPaySumamt, amounts?.PsnPartAmt,
            result.Events, result.Adjustments, result.Error is { } error ? Problems.Body(error) : null);
    }
}

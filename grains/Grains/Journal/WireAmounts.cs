using Ledger.Contracts.Households;
using Ledger.Contracts.Settlements;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Journal;

/// <summary>
/// The one mapping of the engine's amounts (a year's totals, or a settlement's change, which is one)
/// onto the wire's national field names: household and person views, journal entries, events and
/// adjustments all map through here.
/// </summary>
public static class WireAmounts
{
    public static TotalsView Totals(in YearTotals totals) => new()
    {
        MedfeeSumamt = totals.Total,
        InscpScpAmt = totals.PolicyScope,
        HifpPay = totals.Basic,
        HifmiPay = totals.Critical,
        MafPay = totals.Assistance,
        FloorPay = totals.Floor,
        SupplementaryPay = totals.Supplementary,
        WarmFundPay = totals.WarmFund,
        FundPaySumamt = totals.FundPay,
        PsnPartAmt = totals.SelfPay,
        SettlementCount = totals.SettlementCount,
    };

    /// <summary>The amounts without the count: one settlement's split, or its change (signed).</summary>
    public static SplitAmounts Split(in YearTotals totals) => new(
        MedfeeSumamt: totals.Total, InscpScpAmt: totals.PolicyScope, HifpPay: totals.Basic, HifmiPay: totals.Critical,
        MafPay: totals.Assistance, FloorPay: totals.Floor, SupplementaryPay: totals.Supplementary, WarmFundPay: totals.WarmFund,
        PsnPartAmt: totals.SelfPay);
}

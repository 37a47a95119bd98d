namespace Ledger.Shared;

/// <summary>
/// What the funds paid (<c>fund_pay_sumamt</c>): every payer but the person. Defined once for the
/// engine's splits and year totals and for the amounts on the wire, so no copy can leave a fund out.
/// </summary>
public static class FundPay
{
    /// <summary>Basic insurance, critical illness insurance, medical assistance, the floor, the supplementary payer and the warm fund.</summary>
    public static decimal Sum(decimal basic, decimal critical, decimal assistance, decimal floor, decimal supplementary, decimal warmFund) =>
        basic + critical + assistance + floor + supplementary + warmFund;
}

namespace Ledger.Policy.Engine;

/// <summary>Which burden cap bound a settlement, if any.</summary>
public enum CapBinding : byte
{
    None = 0,
    Individual = 1,
    Household = 2,
}

/// <summary>
/// The engine's answer for one settlement: what each payer pays, what the person still pays, and the
/// increments of the engine's own counters. Every amount is rounded to the fen and
/// payments + <see cref="SelfPay"/> = <see cref="Total"/> exactly. <see cref="OtherPaidUnbooked"/> is the
/// part of the reported <c>oth_pay</c> that was more than the tiers before it left (booked: the rest).
/// <see cref="DeductiblePaid"/> is what an inpatient bill paid towards its basic deductible (zero for other bills).
/// </summary>
public readonly record struct Split(
    decimal Total,
    decimal PolicyScope,
    decimal Basic,
    decimal Critical,
    decimal Assistance,
    decimal Floor,
    decimal Supplementary,
    decimal WarmFund,
    decimal SelfPay,
    decimal CriticalBase,
    bool IsHighCost,
    CapBinding CapBinding,
    decimal OtherPaidUnbooked = 0m,
    decimal DeductiblePaid = 0m)
{
    /// <summary>What was left for <c>oth_pay</c> when it was more than that (the amount booked for it).</summary>
    public decimal OtherPaidRoom(in Claim claim) => (claim.OtherPaid ?? 0m) - OtherPaidUnbooked;

    public decimal FundPay => Shared.FundPay.Sum(Basic, Critical, Assistance, Floor, Supplementary, WarmFund);
}

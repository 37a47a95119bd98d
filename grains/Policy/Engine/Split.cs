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
/// payments + <see cref="SelfPay"/> = <see cref="Total"/> exactly.
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
    CapBinding CapBinding)
{
    public decimal FundPay => Basic + Critical + Assistance + Floor + Supplementary + WarmFund;
}

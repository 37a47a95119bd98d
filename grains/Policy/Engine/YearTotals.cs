namespace Ledger.Policy.Engine;

/// <summary>
/// Running totals of one year, per payer, for a person or a household. A reversal subtracts exactly
/// what a settlement added, so totals are sums of recorded splits and nothing else.
/// </summary>
public record struct YearTotals
{
    public decimal Total { get; set; }
    public decimal PolicyScope { get; set; }
    public decimal Basic { get; set; }
    public decimal Critical { get; set; }
    public decimal Assistance { get; set; }
    public decimal Floor { get; set; }
    public decimal Supplementary { get; set; }
    public decimal WarmFund { get; set; }
    public decimal SelfPay { get; set; }
    public int SettlementCount { get; set; }

    public readonly decimal FundPay => Shared.FundPay.Sum(Basic, Critical, Assistance, Floor, Supplementary, WarmFund);

    /// <summary>Adds (sign 1) or takes back (sign −1) one settlement's split.</summary>
    public void Apply(in Split split, int sign) => Apply(new YearTotals
    {
        Total = split.Total, PolicyScope = split.PolicyScope, Basic = split.Basic, Critical = split.Critical,
        Assistance = split.Assistance, Floor = split.Floor, Supplementary = split.Supplementary,
        WarmFund = split.WarmFund, SelfPay = split.SelfPay, SettlementCount = 1,
    }, sign);

    /// <summary>These totals with one settlement's split added (sign 1) or taken back (sign −1).</summary>
    public readonly YearTotals Plus(in Split split, int sign)
    {
        var totals = this;
        totals.Apply(split, sign);
        return totals;
    }

    /// <summary>Adds (sign 1) or takes out (sign −1) a whole year, e.g. a member joining or leaving a household.</summary>
    public void Apply(in YearTotals other, int sign)
    {
        Total += sign * other.Total;
        PolicyScope += sign * other.PolicyScope;
        Basic += sign * other.Basic;
        Critical += sign * other.Critical;
        Assistance += sign * other.Assistance;
        Floor += sign * other.Floor;
        Supplementary += sign * other.Supplementary;
        WarmFund += sign * other.WarmFund;
        SelfPay += sign * other.SelfPay;
        SettlementCount += sign * other.SettlementCount;
    }

    /// <summary>Conservation and non-negativity: programmer errors if they ever fail.</summary>
    public readonly void AssertInvariants(string subject)
    {
        if (FundPay + SelfPay != Total || Total < 0m || SelfPay < 0m || Basic < 0m || Critical < 0m
            || Assistance < 0m || Floor < 0m || Supplementary < 0m || WarmFund < 0m || SettlementCount < 0)
        {
            throw new InvalidOperationException($"Year totals of {subject} broke an invariant: {this}");
        }
    }
}

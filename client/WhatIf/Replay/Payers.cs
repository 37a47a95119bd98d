using Ledger.Policy.Engine;

namespace Ledger.Client.WhatIf.Replay;

/// <summary>The amounts a report compares, with their national field names, in the API's order.</summary>
public static class Payers
{
    public static readonly (string Field, Func<YearTotals, decimal> Amount)[] All =
    [
        ("medfee_sumamt", totals => totals.Total),
        ("hifp_pay", totals => totals.Basic),
        ("hifmi_pay", totals => totals.Critical),
        ("maf_pay", totals => totals.Assistance),
        ("floor_pay", totals => totals.Floor),
        ("supplementary_pay", totals => totals.Supplementary),
        ("warm_fund_pay", totals => totals.WarmFund),
        ("fund_pay_sumamt", totals => totals.FundPay),
        ("psn_part_amt", totals => totals.SelfPay),
    ];

    /// <summary>The funds that pay (the rows whose change is what a policy costs).</summary>
    public static readonly string[] Funds = ["hifp_pay", "hifmi_pay", "maf_pay", "floor_pay", "supplementary_pay", "warm_fund_pay"];

    public static decimal Of(in YearTotals totals, string field) => Array.Find(All, payer => payer.Field == field).Amount(totals);
}

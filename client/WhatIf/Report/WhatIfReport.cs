using Ledger.Client.WhatIf.Input;
using Ledger.Client.WhatIf.Replay;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Client.WhatIf.Report;

/// <summary>
/// What the three report files say, computed once: the tally of the replay, where it came from, and
/// the groupings every file shows the same way. <see cref="GeneratedAt"/> is the only input that is not
/// derived from the files given, and each report prints it on one line of its own.
/// </summary>
public sealed record WhatIfReport(int Year, InputTally Input, PolicySet Baseline, PolicySet Changed, WhatIfTally Tally, DateTimeOffset GeneratedAt)
{
    public IReadOnlyList<PolicyDifference> ChangedFiles { get; } = PolicySets.Differences(Baseline, Changed);

    /// <summary>
    /// The region the replay covers, as a region code: the city (4 digits) when every settlement is of one,
    /// else the province (2 digits) when they share one, else "several provinces".
    /// </summary>
    public string Region
    {
        get
        {
            var cities = Tally.ByCity.Keys.Distinct().ToList();
            return cities.Count == 0 ? ""
                : cities.All(city => city == cities[0]) ? cities[0]
                : cities.All(city => city.AsSpan(0, 2).SequenceEqual(cities[0].AsSpan(0, 2))) ? cities[0][..2]
                : "several provinces";
        }
    }

    /// <summary>
    /// Each identity group with the settlements of members holding it on the settlement's date; a member
    /// holding two counts in both, so the groups overlap; "none" holds the settlements of members with none.
    /// </summary>
    public IReadOnlyList<(string Group, TotalsPair Totals)> IdentityGroups
    {
        get
        {
            var groups = new List<(string, TotalsPair)>();
            foreach (var identity in Enum.GetValues<Identities>().Where(identity => identity != Identities.None))
            {
                var totals = new TotalsPair();
                foreach (var (set, pair) in Tally.ByIdentities.Where(entry => (entry.Key & identity) != 0))
                {
                    totals.Add(pair);
                }
                if (totals.Before.SettlementCount + totals.After.SettlementCount > 0)
                {
                    groups.Add((IdentityCodes.ToCode(identity), totals));
                }
            }
            if (Tally.ByIdentities.TryGetValue(Identities.None, out var none))
            {
                groups.Add(("none", none));
            }
            return groups;
        }
    }

    /// <summary>
    /// The amounts the summary tables show: every fund whose total moved, then the fund total and self-pay
    /// (report.csv has every amount).
    /// </summary>
    public IReadOnlyList<(string Field, Func<YearTotals, decimal> Amount)> ShownAmounts =>
        Payers.All.Where(payer => payer.Field is "fund_pay_sumamt" or "psn_part_amt"
            || (Payers.Funds.Contains(payer.Field) && payer.Amount(Tally.Totals.Before) != payer.Amount(Tally.Totals.After))).ToList();

    /// <summary>The rules either policy has, in rule order, with subjects over their line under either.</summary>
    public IEnumerable<RuleTally> Rules => Tally.Rules.Where(rule => rule.Before + rule.After > 0);
}

/// <summary>The Chinese names officers know the amounts by (DESIGN §2).</summary>
public static class AmountNames
{
    public static string Chinese(string field) => field switch
    {
        "medfee_sumamt" => "医疗费用总额",
        "hifp_pay" => "基本医保统筹基金",
        "hifmi_pay" => "大病保险",
        "maf_pay" => "医疗救助",
        "floor_pay" => "兜底",
        "supplementary_pay" => "补充保障",
        "warm_fund_pay" => "暖心基金",
        "fund_pay_sumamt" => "基金支付合计",
        "psn_part_amt" => "个人负担",
        _ => "",
    };

    public static string Rule(Rule rule) => rule switch
    {
        Ledger.Policy.Engine.Rule.ReturnToPovertyRisk => "因病返贫监测",
        Ledger.Policy.Engine.Rule.ImpoverishmentRisk => "因病致贫监测",
        Ledger.Policy.Engine.Rule.IndividualCap => "个人负担封顶",
        Ledger.Policy.Engine.Rule.HouseholdCap => "家庭负担封顶",
        Ledger.Policy.Engine.Rule.AssistanceLimit => "救助年度限额",
        Ledger.Policy.Engine.Rule.CriticalDeductibleMet => "大病起付线",
        Ledger.Policy.Engine.Rule.HighCostSettlement => "高额医疗费用",
        _ => "保障水平",
    };
}

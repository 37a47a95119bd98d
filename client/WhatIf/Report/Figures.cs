using System.Globalization;
using Ledger.Client.WhatIf.Replay;
using Ledger.Policy.Engine;

namespace Ledger.Client.WhatIf.Report;

/// <summary>How the reports write numbers: invariant culture, yuan with two decimals, changes signed.</summary>
public static class Figures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>12,345.60 (tables people read).</summary>
    public static string Yuan(decimal yuan) => yuan.ToString("#,0.00", Invariant);

    /// <summary>+1,234.00, -56.70 or 0.00.</summary>
    public static string Change(decimal yuan) => (yuan > 0m ? "+" : "") + Yuan(yuan);

    /// <summary>12345.60 (report.csv: no grouping, so spreadsheets read it as a number).</summary>
    public static string Plain(decimal yuan) => yuan.ToString("0.00", Invariant);

    public static string Count(long count) => count.ToString("#,0", Invariant);

    public static string ChangeCount(long count) => (count > 0 ? "+" : "") + Count(count);

    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ssK", Invariant);

    /// <summary>A rule's year-end reading: "23,500.00 / 23,229.00", or "—" when that policy lacks the rule.</summary>
    public static string Reading(RuleReading? reading) =>
        reading is { } value ? $"{Number(value.Rule, value.Value)} / {Number(value.Rule, value.Threshold)}" : "—";

    /// <summary>Coverage is a ratio and high-cost a count; every other rule reads yuan.</summary>
    public static string Number(Rule rule, decimal value) => rule switch
    {
        Rule.CoverageBelowTarget => value.ToString("0.0000", Invariant),
        Rule.HighCostSettlement => value.ToString("0", Invariant),
        _ => Yuan(value),
    };

    public static string SubjectKind(RuleTally rule) => rule.HouseholdSubject ? "households" : "persons";
}

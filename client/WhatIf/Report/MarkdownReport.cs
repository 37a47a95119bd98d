using System.Text;
using Ledger.Client.WhatIf.Replay;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using static Ledger.Client.WhatIf.Report.Figures;

namespace Ledger.Client.WhatIf.Report;

/// <summary>report.md: the summary an officer pastes into a note. Long lists are cut; report.csv has them whole.</summary>
public static class MarkdownReport
{
    /// <summary>Subjects listed per rule and direction before the list is cut.</summary>
    public const int ListedMax = 50;

    /// <param name="figure">Raw HTML put above the histogram table (the HTML report's chart); none in report.md.</param>
    public static string Write(WhatIfReport report, string? figure = null)
    {
        var text = new StringBuilder();
        var tally = report.Tally;
        text.Append("# Policy what-if: region ").Append(report.Region).Append(", ").Append(report.Year).Append("\n\n");
        text.Append("Generated ").Append(Time(report.GeneratedAt)).Append('\n').Append('\n');
        text.Append("- Source: ").Append(Cell(report.Input.Source)).Append('\n');
        text.Append("- Baseline: `").Append(Path.GetFileName(Path.TrimEndingDirectorySeparator(report.Baseline.Source)).Replace("`", "'", StringComparison.Ordinal)).Append("` (")
            .Append(string.Join(", ", report.Baseline.Files.Select(file => $"{Cell(file.Name)} {file.Digest}"))).Append(")\n");
        text.Append("- Changed: ").Append(report.ChangedFiles.Count == 0 ? "no file differs" : string.Join(", ",
            report.ChangedFiles.Select(file => $"{Cell(file.Label)} {file.Before ?? "(added)"} → {file.After ?? "(removed)"}"))).Append('\n');
        text.Append("- Replayed: ").Append(Count(tally.Households)).Append(" households, ").Append(Count(tally.Persons)).Append(" persons, ")
            .Append(Count(tally.Settlements)).Append(" settlements in settlement-time order under both policies\n");
        foreach (var (reason, count) in report.Input.Skipped)
        {
            text.Append("- Left out: ").Append(Count(count)).Append(" — ").Append(Cell(reason)).Append('\n');
        }
        foreach (var (note, count) in report.Input.Notes)
        {
            text.Append("- Note: ").Append(Count(count)).Append(" — ").Append(Cell(note)).Append('\n');
        }
        foreach (var (reason, counts) in tally.Refused)
        {
            text.Append("- Refused by the ledger: ").Append(Count(counts.Before)).Append(" before, ").Append(Count(counts.After)).Append(" after — ").Append(Cell(reason)).Append('\n');
        }
        Totals(text, report);
        Histogram(text, tally, figure);
        Monitoring(text, report);
        Caps(text, tally);
        Groups(text, report, "By city", "city", tally.ByCity.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => (entry.Key, entry.Value)).ToList());
        Groups(text, report, "By identity group", "identity", report.IdentityGroups);
        Largest(text, report);
        return text.ToString();
    }

    /// <summary>
    /// Text from the input (ids, file names, reasons) with every Markdown and HTML character escaped, so an
    /// id such as <c>a|b</c> or <c>&lt;b&gt;</c> stays text in a table and in the HTML made from it.
    /// </summary>
    internal static string Cell(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '|' or '<' or '>' or '&' or '*' or '_' or '`' or '[' or ']' or '#' or '!')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static void Totals(StringBuilder text, WhatIfReport report)
    {
        text.Append("\n## Totals per payer\n\n| amount | | before | after | difference |\n|---|---|---:|---:|---:|\n");
        foreach (var (field, amount) in Payers.All)
        {
            var (before, after) = (amount(report.Tally.Totals.Before), amount(report.Tally.Totals.After));
            text.Append($"| `{field}` | {AmountNames.Chinese(field)} | {Yuan(before)} | {Yuan(after)} | {Change(after - before)} |\n");
        }
        var (countBefore, countAfter) = (report.Tally.Totals.Before.SettlementCount, report.Tally.Totals.After.SettlementCount);
        text.Append($"| settlements | | {Count(countBefore)} | {Count(countAfter)} | {ChangeCount(countAfter - countBefore)} |\n");
    }

    private static void Groups(StringBuilder text, WhatIfReport report, string title, string key, IReadOnlyList<(string Key, TotalsPair Totals)> rows)
    {
        text.Append("\n## ").Append(title).Append("\n\n| ").Append(key).Append(" | settlements |");
        foreach (var (field, _) in report.ShownAmounts)
        {
            text.Append(" `").Append(field).Append("` before | after | difference |");
        }
        text.Append("\n|---|---:|").Append(string.Concat(Enumerable.Repeat("---:|---:|---:|", report.ShownAmounts.Count))).Append('\n');
        foreach (var (name, totals) in rows)
        {
            text.Append("| ").Append(Cell(name)).Append(" | ").Append(Count(totals.Before.SettlementCount)).Append(" |");
            foreach (var (_, amount) in report.ShownAmounts)
            {
                var (before, after) = (amount(totals.Before), amount(totals.After));
                text.Append($" {Yuan(before)} | {Yuan(after)} | {Change(after - before)} |");
            }
            text.Append('\n');
        }
        if (key == "identity")
        {
            text.Append("\nA settlement counts in every group its member held on its date; the groups overlap.\n");
        }
    }

    private static void Monitoring(StringBuilder text, WhatIfReport report)
    {
        text.Append("\n## Monitoring lines at year end\n\n| rule | | subjects | over the line before | after | newly over | no longer over |\n|---|---|---|---:|---:|---:|---:|\n");
        foreach (var rule in report.Rules)
        {
            text.Append($"| `{RuleCodes.ToCode(rule.Rule)}` | {AmountNames.Rule(rule.Rule)} | {SubjectKind(rule)} | {Count(rule.Before)} | {Count(rule.After)} | {Count(rule.Newly.Count)} | {Count(rule.NoLonger.Count)} |\n");
        }
        foreach (var rule in report.Rules.Where(rule => rule.Newly.Count + rule.NoLonger.Count > 0))
        {
            foreach (var (direction, list) in new[] { ("newly over", rule.Newly), ("no longer over", rule.NoLonger) }.Where(entry => entry.Item2.Count > 0))
            {
                text.Append($"\n### `{RuleCodes.ToCode(rule.Rule)}`: {direction} ({Count(list.Count)})\n\n| {(rule.HouseholdSubject ? "household_id" : "psn_no")} | region | value / line before | value / line after |\n|---|---|---:|---:|\n");
                foreach (var subject in list.Take(ListedMax))
                {
                    text.Append($"| {Cell(subject.SubjectId)} | {Cell(subject.RegionCode)} | {Reading(subject.Before)} | {Reading(subject.After)} |\n");
                }
                if (list.Count > ListedMax)
                {
                    text.Append($"\n… {Count(list.Count - ListedMax)} more in report.csv.\n");
                }
            }
        }
    }

    private static void Caps(StringBuilder text, WhatIfTally tally)
    {
        text.Append("\n## Burden caps\n\n| | before | after | difference |\n|---|---:|---:|---:|\n");
        text.Append($"| households capped (household cap bound) | {Count(tally.HouseholdsCapped.Before)} | {Count(tally.HouseholdsCapped.After)} | {ChangeCount(tally.HouseholdsCapped.After - tally.HouseholdsCapped.Before)} |\n");
        text.Append($"| persons capped (individual cap bound) | {Count(tally.PersonsCapped.Before)} | {Count(tally.PersonsCapped.After)} | {ChangeCount(tally.PersonsCapped.After - tally.PersonsCapped.Before)} |\n");
        var (warmBefore, warmAfter) = (tally.Totals.Before.WarmFund, tally.Totals.After.WarmFund);
        text.Append($"| `warm_fund_pay` 暖心基金 used | {Yuan(warmBefore)} | {Yuan(warmAfter)} | {Change(warmAfter - warmBefore)} |\n");
    }

    private static void Largest(StringBuilder text, WhatIfReport report)
    {
        var people = report.Tally.LargestChanges;
        text.Append($"\n## The {people.Count} largest changes of a person's year self-pay\n");
        if (people.Count == 0)
        {
            text.Append("\nNo person's year changed.\n");
        }
        foreach (var person in people)
        {
            text.Append($"\n### {Cell(person.PsnNo)} (household {Cell(person.HouseholdId)}, region {Cell(person.RegionCode)}): `psn_part_amt` {Yuan(person.Before.SelfPay)} → {Yuan(person.After.SelfPay)} ({Change(person.SelfPayChange)})\n\n");
            text.Append("| setl_id | setl_time | med_type | hosp_lv | medfee_sumamt |");
            foreach (var (field, _) in report.ShownAmounts)
            {
                text.Append($" `{field}` before → after |");
            }
            text.Append("\n|---|---|---|---:|---:|").Append(string.Concat(Enumerable.Repeat("---:|", report.ShownAmounts.Count))).Append('\n');
            foreach (var settlement in person.Settlements)
            {
                text.Append($"| {Cell(settlement.SetlId)} | {Time(settlement.SetlTime)} | {MedicalTypeCodes.ToCode(settlement.MedicalType)} | {settlement.HospitalLevel} | {Yuan(Math.Max(settlement.Before.Split.Total, settlement.After.Split.Total))} |");
                foreach (var (_, amount) in report.ShownAmounts)
                {
                    text.Append($" {Outcome(settlement.Before, amount)} → {Outcome(settlement.After, amount)} |");
                }
                text.Append('\n');
            }
        }
    }

    private static string Outcome(SettlementOutcome outcome, Func<YearTotals, decimal> amount) =>
        outcome.Recorded ? Yuan(amount(outcome.Split)) : "refused";

    private static void Histogram(StringBuilder text, WhatIfTally tally, string? figure)
    {
        text.Append("\n## Year self-pay per person (persons per bin, yuan)\n\n");
        if (figure is not null)
        {
            text.Append(figure).Append("\n\n");
        }
        text.Append("| self-pay | before | after | difference |\n|---|---:|---:|---:|\n");
        for (var bin = 0; bin < SelfPayHistogram.LowerBounds.Length; bin++)
        {
            var (before, after) = (tally.Histogram.Before[bin], tally.Histogram.After[bin]);
            text.Append($"| {SelfPayHistogram.Label(bin)} | {Count(before)} | {Count(after)} | {ChangeCount(after - before)} |\n");
        }
    }
}

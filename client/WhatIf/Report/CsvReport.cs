using System.Globalization;
using CsvHelper;
using Ledger.Client.WhatIf.Replay;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using static Ledger.Client.WhatIf.Report.Figures;

namespace Ledger.Client.WhatIf.Report;

/// <summary>
/// report.csv (RFC 4180, CRLF, UTF-8): every figure of the report in one long table, one row per
/// (section, group, subject, measure) with before, after and difference, so a spreadsheet can pivot it.
/// Cells that a spreadsheet would run as a formula are escaped.
/// </summary>
public static class CsvReport
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\r\n", Injection = CsvInjection.Escape };

    public static string Write(WhatIfReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            var rows = new Rows(csv);
            rows.Text("section", "group", "subject", "measure", "before", "after", "difference");
            Header(rows, report);
            Amounts(rows, "total", "", report.Tally.Totals);
            foreach (var (city, totals) in report.Tally.ByCity.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                Amounts(rows, "city", city, totals);
            }
            foreach (var (group, totals) in report.IdentityGroups)
            {
                Amounts(rows, "identity", group, totals);
            }
            Monitoring(rows, report);
            Caps(rows, report.Tally);
            Largest(rows, report.Tally);
            for (var bin = 0; bin < SelfPayHistogram.LowerBounds.Length; bin++)
            {
                rows.Count("histogram", SelfPayHistogram.Label(bin), "", "persons", report.Tally.Histogram.Before[bin], report.Tally.Histogram.After[bin]);
            }
        }
        return text.ToString();
    }

    private static void Header(Rows rows, WhatIfReport report)
    {
        rows.Text("report", "", "", "generated_at", Time(report.GeneratedAt), "", "");
        rows.Text("report", "", "", "region", report.Region, "", "");
        rows.Text("report", "", "", "year", report.Year.ToString(CultureInfo.InvariantCulture), "", "");
        rows.Text("report", "", "", "source", report.Input.Source, "", "");
        foreach (var file in report.Baseline.Files)
        {
            rows.Text("policy", "baseline", file.Name, "digest", file.Digest, "", "");
        }
        foreach (var file in report.ChangedFiles)
        {
            rows.Text("policy", "changed", file.Label, "digest", file.Before ?? "", file.After ?? "", "");
        }
        rows.Count("input", "", "", "households", report.Tally.Households, report.Tally.Households);
        rows.Count("input", "", "", "persons", report.Tally.Persons, report.Tally.Persons);
        rows.Count("input", "", "", "settlements", report.Tally.Settlements, report.Tally.Settlements);
        foreach (var (reason, count) in report.Input.Skipped)
        {
            rows.Count("input", "left_out", "", reason, count, count);
        }
        foreach (var (note, count) in report.Input.Notes)
        {
            rows.Count("input", "note", "", note, count, count);
        }
        foreach (var (reason, counts) in report.Tally.Refused)
        {
            rows.Count("input", "refused", "", reason, counts.Before, counts.After);
        }
    }

    private static void Amounts(Rows rows, string section, string group, TotalsPair totals)
    {
        foreach (var (field, amount) in Payers.All)
        {
            rows.Amount(section, group, "", field, amount(totals.Before), amount(totals.After));
        }
        rows.Count(section, group, "", "settlement_count", totals.Before.SettlementCount, totals.After.SettlementCount);
    }

    private static void Monitoring(Rows rows, WhatIfReport report)
    {
        foreach (var rule in report.Rules)
        {
            var code = RuleCodes.ToCode(rule.Rule);
            rows.Count("monitoring", code, "", SubjectKind(rule) + "_over_line", rule.Before, rule.After);
            rows.Count("monitoring", code, "", "newly_over", 0, rule.Newly.Count);
            rows.Count("monitoring", code, "", "no_longer_over", 0, rule.NoLonger.Count);
        }
        foreach (var rule in report.Rules)
        {
            foreach (var (section, list) in new[] { ("newly_over", rule.Newly), ("no_longer_over", rule.NoLonger) })
            {
                foreach (var subject in list)
                {
                    rows.Reading(section, RuleCodes.ToCode(rule.Rule), subject.SubjectId, "value", subject.Before?.Value, subject.After?.Value);
                    rows.Reading(section, RuleCodes.ToCode(rule.Rule), subject.SubjectId, "line", subject.Before?.Threshold, subject.After?.Threshold);
                }
            }
        }
    }

    private static void Caps(Rows rows, WhatIfTally tally)
    {
        rows.Count("caps", "", "", "households_capped", tally.HouseholdsCapped.Before, tally.HouseholdsCapped.After);
        rows.Count("caps", "", "", "persons_capped", tally.PersonsCapped.Before, tally.PersonsCapped.After);
        rows.Amount("caps", "", "", "warm_fund_pay", tally.Totals.Before.WarmFund, tally.Totals.After.WarmFund);
    }

    private static void Largest(Rows rows, WhatIfTally tally)
    {
        var rank = 0;
        foreach (var person in tally.LargestChanges)
        {
            var group = (++rank).ToString(CultureInfo.InvariantCulture);
            rows.Text("largest_change", group, person.PsnNo, "household_id", person.HouseholdId, person.HouseholdId, "");
            foreach (var (field, amount) in Payers.All)
            {
                rows.Amount("largest_change", group, person.PsnNo, field, amount(person.Before), amount(person.After));
            }
            foreach (var settlement in person.Settlements)
            {
                var subject = person.PsnNo + " " + settlement.SetlId;
                rows.Text("largest_change_settlement", group, subject, "setl_time", Time(settlement.SetlTime), Time(settlement.SetlTime), "");
                rows.Text("largest_change_settlement", group, subject, "med_type", MedicalTypeCodes.ToCode(settlement.MedicalType), MedicalTypeCodes.ToCode(settlement.MedicalType), "");
                foreach (var (field, amount) in Payers.All)
                {
                    rows.Outcome(group, subject, field, settlement.Before, settlement.After, amount);
                }
            }
        }
    }

    private sealed class Rows(CsvWriter csv)
    {
        public void Text(params string[] cells)
        {
            foreach (var cell in cells)
            {
                csv.WriteField(cell);
            }
            csv.EndRecord();
        }

        public void Amount(string section, string group, string subject, string measure, decimal before, decimal after) =>
            Numbers<decimal>(section, group, subject, measure, before, after, after - before, "0.00");

        public void Count(string section, string group, string subject, string measure, long before, long after) =>
            Numbers<long>(section, group, subject, measure, before, after, after - before, "0");

        public void Reading(string section, string group, string subject, string measure, decimal? before, decimal? after) =>
            Numbers<decimal>(section, group, subject, measure, before, after, after - before, "0.####");

        public void Outcome(string group, string subject, string measure, SettlementOutcome before, SettlementOutcome after, Func<YearTotals, decimal> amount)
        {
            if (before.Recorded && after.Recorded)
            {
                Amount("largest_change_settlement", group, subject, measure, amount(before.Split), amount(after.Split));
                return;
            }
            Text("largest_change_settlement", group, subject, measure, before.Recorded ? Plain(amount(before.Split)) : "refused",
                after.Recorded ? Plain(amount(after.Split)) : "refused", "");
        }

        /// <summary>Numbers are written as numbers (a negative difference is not text that looks like a formula).</summary>
        private void Numbers<T>(string section, string group, string subject, string measure, T? before, T? after, T? difference, string format)
            where T : struct, IUtf8SpanFormattable
        {
            csv.WriteField(section);
            csv.WriteField(group);
            csv.WriteField(subject);
            csv.WriteField(measure);
            csv.WriteField(before, format);
            csv.WriteField(after, format);
            csv.WriteField(difference, format);
            csv.EndRecord();
        }
    }
}

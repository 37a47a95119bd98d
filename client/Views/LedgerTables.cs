using System.Globalization;
using Ledger.Shared;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ledger.Client.Views;

/// <summary>The person and household answers as Spectre tables. Personal fields only ever masked.</summary>
public static class LedgerTables
{
    private static readonly (string Field, string Label, Func<TotalsModel, decimal> Amount)[] Payers =
    [
        ("medfee_sumamt", "total bill 医疗费总额", t => t.MedfeeSumamt),
        ("inscp_scp_amt", "policy scope 政策范围内", t => t.InscpScpAmt),
        ("hifp_pay", "basic 基本医保统筹", t => t.HifpPay),
        ("hifmi_pay", "critical illness 大病保险", t => t.HifmiPay),
        ("maf_pay", "assistance 医疗救助", t => t.MafPay),
        ("floor_pay", "floor 兜底", t => t.FloorPay),
        ("supplementary_pay", "supplementary 补充", t => t.SupplementaryPay),
        ("warm_fund_pay", "warm fund 暖心基金", t => t.WarmFundPay),
        ("fund_pay_sumamt", "all funds 基金支付合计", t => t.FundPaySumamt),
        ("psn_part_amt", "self-pay 个人负担", t => t.PsnPartAmt),
    ];

    public static IEnumerable<IRenderable> Person(PersonModel person)
    {
        yield return new Markup(
            $"[bold]person {E(person.PsnNo)}[/]  household {E(person.HouseholdId)}  region {E(person.RegionCode)}  " +
            $"{E(person.Residence)}  {E(person.Insutype)}  year {person.Year}");
        if (person.PsnName is not null || person.Certno is not null)
        {
            yield return new Text($"name {Masking.Name(person.PsnName) ?? "-"}  certno {Masking.Certno(person.Certno) ?? "-"}");
        }
        var identities = new Table().Title("identities").AddColumns("type", "begin", "end");
        foreach (var identity in person.Identities ?? [])
        {
            identities.AddRow(E(identity.Type), Date(identity.Begin), identity.End is null ? "-" : Date(identity.End));
        }
        yield return (person.Identities?.Count ?? 0) == 0 ? new Text("identities: none") : identities;
        yield return Totals(person.Totals, $"totals {person.Year}");
        yield return Thresholds(person.Thresholds);
    }

    public static IEnumerable<IRenderable> Household(HouseholdModel household)
    {
        yield return new Markup($"[bold]household {E(household.HouseholdId)}[/]  region {E(household.RegionCode)}  year {household.Year}");
        var members = new Table().Title("members")
            .AddColumn("psn_no").AddColumn(Right("settlements")).AddColumn(Right("medfee_sumamt"))
            .AddColumn(Right("fund_pay_sumamt")).AddColumn(Right("psn_part_amt")).AddColumn("open thresholds");
        foreach (var member in household.Members ?? [])
        {
            var totals = member.Totals;
            members.AddRow(E(member.PsnNo), Count(totals?.SettlementCount ?? 0), Amount(totals?.MedfeeSumamt ?? 0),
                Amount(totals?.FundPaySumamt ?? 0), Amount(totals?.PsnPartAmt ?? 0),
                E(string.Join(", ", (member.Thresholds ?? []).Select(t => $"{t.Rule} ({t.Level})"))));
        }
        yield return members;
        yield return Totals(household.Totals, $"household totals {household.Year}");
        if (household.Caps is { } caps)
        {
            yield return new Table().Title("burden caps")
                .AddColumn(Right("individual_cap")).AddColumn(Right("household_cap"))
                .AddColumn(Right("household_burden")).AddColumn(Right("household_cap_remaining"))
                .AddRow(Amount(caps.IndividualCap), Amount(caps.HouseholdCap), Amount(caps.HouseholdBurden), Amount(caps.HouseholdCapRemaining));
        }
        else
        {
            yield return new Text("burden caps: none apply");
        }
        yield return Thresholds(household.Thresholds);
    }

    private static IRenderable Totals(TotalsModel? totals, string title)
    {
        var table = new Table().Title(title).AddColumn("field").AddColumn("payer").AddColumn(Right("yuan"));
        foreach (var (field, label, amount) in Payers)
        {
            table.AddRow(field, label, totals is null ? "0.00" : Amount(amount(totals)));
        }
        table.AddRow("settlement_count", "settlements", Count(totals?.SettlementCount ?? 0));
        return table;
    }

    private static IRenderable Thresholds(IReadOnlyList<ThresholdModel>? thresholds)
    {
        if ((thresholds?.Count ?? 0) == 0)
        {
            return new Text("open thresholds: none");
        }
        var table = new Table().Title("open thresholds").AddColumn("rule").AddColumn("level").AddColumn(Right("value")).AddColumn(Right("threshold"));
        foreach (var threshold in thresholds!)
        {
            table.AddRow(E(threshold.Rule), E(threshold.Level), Amount(threshold.Value), Amount(threshold.Threshold));
        }
        return table;
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    private static string Amount(decimal yuan) => yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string E(string? text) => Markup.Escape(text ?? "-");
}

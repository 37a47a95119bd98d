using Ledger.Silo.Projections;

namespace Ledger.Silo.Reports;

/// <summary>
/// The month's settlement_adjusted entries (logged that month, China time), with the signed change per
/// payer, so the assistance office can pay or reclaim the difference (补差), and what caused each.
/// </summary>
public static class AdjustmentsReport
{
    public static readonly string[] Header =
    [
        "city_code", "region_code", "setl_id", "psn_no", "household_id", "setl_time", "logged_at", "cause", "cause_id", "medfee_sumamt",
        "hifp_pay", "hifmi_pay", "maf_pay", "floor_pay", "supplementary_pay", "warm_fund_pay", "fund_pay_sumamt", "psn_part_amt",
    ];

    public static async Task Write(Stream body, IProjectionStore store, MonthEndQuery month, CancellationToken cancellationToken)
    {
        await using var csv = new CsvStream(body);
        await csv.Row(Header);
        await foreach (var row in store.Adjustments(month.RegionPrefix, month.Start, month.End, cancellationToken))
        {
            await csv.Row(Cities.Of(row.RegionCode), row.RegionCode, row.SetlId, row.PsnNo, row.HouseholdId, CsvStream.Time(row.SetlTime),
                CsvStream.Time(row.LoggedAt), row.Cause, row.CauseId, CsvStream.Amount(row.MedfeeSumamt), CsvStream.Amount(row.HifpPay),
                CsvStream.Amount(row.HifmiPay), CsvStream.Amount(row.MafPay), CsvStream.Amount(row.FloorPay), CsvStream.Amount(row.SupplementaryPay),
                CsvStream.Amount(row.WarmFundPay), CsvStream.Amount(row.FundPaySumamt), CsvStream.Amount(row.PsnPartAmt));
        }
    }
}

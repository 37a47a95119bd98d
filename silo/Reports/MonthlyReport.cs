using System.Globalization;
using Ledger.Silo.Projections;

namespace Ledger.Silo.Reports;

/// <summary>
/// The month-end monitoring list the seeds ask to send each month (000 二(二)11: 每月的监测数据反馈):
/// every person over the return-to-poverty or the impoverishment line at the end of the month by
/// settlement time, one row per person and rule, streamed from the projections. A row is <c>late</c>
/// when a settlement counted in it (of the month or before) was logged after the month had ended: the
/// rows a report sent at the month's end could not have had. A crossing withdrawn after the month ended
/// (see <see cref="WithdrawnCrossing"/>) keeps its row, late; identities are those held on the month's last day.
/// </summary>
public static class MonthlyReport
{
    public static readonly string[] Header =
    [
        "city_code", "region_code", "psn_no", "household_id", "identities", "rule", "threshold", "psn_part_amt", "status", "setl_id", "setl_time", "late",
    ];

    public static async Task Write(Stream body, IProjectionStore store, MonthEndQuery query, CancellationToken cancellationToken)
    {
        await using var csv = new CsvStream(body);
        await csv.Row(Header);
        await foreach (var row in store.MonthEnd(query, cancellationToken))
        {
            await csv.Row(row.CityCode, row.RegionCode, row.PsnNo, row.HouseholdId, row.Identities, row.Rule, CsvStream.Amount(row.Threshold),
                CsvStream.Amount(row.PsnPartAmt), row.Status, row.SetlId, CsvStream.Time(row.SetlTime), row.Late ? "late" : "");
        }
    }

    /// <summary>The counts per city and status (and how many rows are late), read from the same rows.</summary>
    public static async Task<MonthlySummary> Summarise(IProjectionStore store, MonthEndQuery query, CancellationToken cancellationToken)
    {
        var cities = new SortedDictionary<string, CitySummary>(StringComparer.Ordinal);
        await foreach (var row in store.MonthEnd(query, cancellationToken))
        {
            var city = cities.TryGetValue(row.CityCode, out var found) ? found : cities[row.CityCode] = new CitySummary(row.CityCode);
            cities[row.CityCode] = row.Status switch
            {
                MonthEndStatus.New => city with { New = city.New + 1 },
                MonthEndStatus.Continuing => city with { Continuing = city.Continuing + 1 },
                _ => city with { Exited = city.Exited + 1 },
            };
            if (row.Late)
            {
                cities[row.CityCode] = cities[row.CityCode] with { Late = cities[row.CityCode].Late + 1 };
            }
        }
        var month = $"{query.Year:D4}-{query.Month:D2}".ToString(CultureInfo.InvariantCulture);
        return new MonthlySummary(query.RegionPrefix, month, [.. cities.Values],
            cities.Values.Aggregate(new CitySummary("total"), (total, city) => total with
            {
                New = total.New + city.New, Continuing = total.Continuing + city.Continuing, Exited = total.Exited + city.Exited, Late = total.Late + city.Late,
            }));
    }
}

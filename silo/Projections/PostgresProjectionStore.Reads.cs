using System.Runtime.CompilerServices;
using Ledger.Silo.Http;
using Npgsql;

namespace Ledger.Silo.Projections;

public sealed partial class PostgresProjectionStore
{
    /// <summary>
    /// A page from the maintained counts and one index walk: the counts per region code (a few hundred rows
    /// for a province) give total_count and the region the page's offset falls in; the rows are read in the
    /// page's order from there, skipping only what precedes the offset within that region. A page without a
    /// level walks the index of the listed rows; with one, the region index. A city is a region prefix.
    /// </summary>
    public async Task<MonitoringPage> Monitoring(MonitoringQuery query, CancellationToken cancellationToken = default)
    {
        if (MonitoringRange(query.RegionPrefix, query.CityCode) is not { } range)
        {
            return new MonitoringPage(query.Page, query.PageSize, 0, []);
        }
        var (from, until) = range;
        var counts = Command($"""
            SELECT region_code, sum(rows)::bigint FROM ledger_monitoring_counts
            WHERE year = $1 AND region_code >= $2 AND region_code < $3 AND ($4::text IS NULL OR rule = $4) AND {(query.Level is null ? "listed" : "level = $5")}
            GROUP BY region_code HAVING sum(rows) > 0 ORDER BY region_code
            """, [query.Year, from, until, query.Rule, .. query.Level is null ? Array.Empty<object?>() : [query.Level]]);
        var regions = new List<(string RegionCode, long Rows)>();
        await foreach (var region in Stream(counts, reader => (reader.GetString(0), reader.GetInt64(1)), cancellationToken))
        {
            regions.Add(region);
        }
        var total = regions.Sum(region => region.Rows);
        var offset = Paging.Offset(query.Page, query.PageSize);
        var items = new List<MonitoringItem>(query.PageSize);
        if (offset >= total)
        {
            return new MonitoringPage(query.Page, query.PageSize, total, items);
        }
        var (start, skipped) = (regions[0].RegionCode, 0L);
        foreach (var region in regions)
        {
            if (skipped + region.Rows > offset)
            {
                start = region.RegionCode;
                break;
            }
            skipped += region.Rows;
        }
        var page = Command($"""
            SELECT subject_type, subject_id, household_id, region_code, city_code, year, rule, level, value, threshold, setl_id, setl_time
            FROM ledger_monitoring
            WHERE year = $1 AND region_code >= $2 AND region_code < $3 AND ($4::text IS NULL OR rule = $4) AND {(query.Level is null ? "listed" : "level = $7")}
            ORDER BY region_code, subject_id, subject_type, rule, level LIMIT $5 OFFSET $6
            """, [query.Year, start, until, query.Rule, query.PageSize, offset - skipped, .. query.Level is null ? Array.Empty<object?>() : [query.Level]]);
        await foreach (var item in Stream(page, reader => new MonitoringItem(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7), reader.GetDecimal(8),
            reader.GetDecimal(9), reader.GetString(10), reader.GetFieldValue<DateTimeOffset>(11)), cancellationToken))
        {
            items.Add(item);
        }
        return new MonitoringPage(query.Page, query.PageSize, total, items);
    }

    /// <summary>
    /// The region codes under a prefix and in a city as one range (a city's codes are those starting with
    /// its four digits), or null when no code is in both.
    /// </summary>
    internal static (string From, string Until)? MonitoringRange(string prefix, string? city) =>
        city is null || city.StartsWith(prefix, StringComparison.Ordinal) ? Range(city ?? prefix)
        : prefix.StartsWith(city, StringComparison.Ordinal) ? Range(prefix)
        : null;

    /// <summary>
    /// The month-end rows (see <see cref="InMemoryProjectionStore"/> for the same in memory): the open crossings over the
    /// line at the month's end and those withdrawn after it (late), the year before's for January's exits, and the
    /// crossings withdrawn during the month that the month before listed (exited); of a person's several withdrawn
    /// crossings, the one withdrawn last (<see cref="WithdrawnCrossing.LatestPerPerson"/>).
    /// </summary>
    public IAsyncEnumerable<MonthEndRow> MonthEnd(MonthEndQuery query, CancellationToken cancellationToken = default)
    {
        var (from, until) = Range(query.RegionPrefix);
        var command = Command("""
            WITH open_over AS (
                SELECT subject_id, rule, household_id, region_code, city_code, threshold, setl_id, setl_time, false AS withdrawn FROM ledger_monitoring
                WHERE subject_type = 'person' AND level = 'crossed' AND rule = ANY($1) AND year = $2 AND region_code >= $3 AND region_code < $4 AND setl_time < $6
            ), withdrawn_over AS (
                SELECT DISTINCT ON (w.subject_id, w.rule) w.subject_id, w.rule, w.household_id, w.region_code, w.city_code, w.threshold, w.setl_id, w.setl_time, true
                FROM ledger_withdrawn_crossings w
                WHERE w.rule = ANY($1) AND w.year = $2 AND w.region_code >= $3 AND w.region_code < $4 AND w.setl_time < $6 AND w.withdrawn_at >= $6
                    AND NOT EXISTS (SELECT 1 FROM open_over o WHERE o.subject_id = w.subject_id AND o.rule = w.rule)
                ORDER BY w.subject_id, w.rule, w.withdrawn_at DESC, w.position DESC
            ), now_over AS (
                SELECT * FROM open_over
                UNION ALL
                SELECT * FROM withdrawn_over
            ), last_year_open AS (
                SELECT subject_id, rule, household_id, region_code, city_code, threshold, setl_id, setl_time FROM ledger_monitoring
                WHERE $7 = 1 AND subject_type = 'person' AND level = 'crossed' AND rule = ANY($1) AND year = $2 - 1 AND region_code >= $3 AND region_code < $4
            ), last_year_withdrawn AS (
                SELECT DISTINCT ON (w.subject_id, w.rule) w.subject_id, w.rule, w.household_id, w.region_code, w.city_code, w.threshold, w.setl_id, w.setl_time
                FROM ledger_withdrawn_crossings w
                WHERE $7 = 1 AND w.rule = ANY($1) AND w.year = $2 - 1 AND w.region_code >= $3 AND w.region_code < $4 AND w.withdrawn_at >= $5
                    AND NOT EXISTS (SELECT 1 FROM last_year_open l WHERE l.subject_id = w.subject_id AND l.rule = w.rule)
                ORDER BY w.subject_id, w.rule, w.withdrawn_at DESC, w.position DESC
            ), last_year AS (
                SELECT * FROM last_year_open
                UNION ALL
                SELECT * FROM last_year_withdrawn
            ), exited_during AS (
                SELECT DISTINCT ON (w.subject_id, w.rule) w.subject_id, w.rule, w.household_id, w.region_code, w.city_code, w.threshold, w.setl_id, w.setl_time,
                    false, 'exited'
                FROM ledger_withdrawn_crossings w
                WHERE w.rule = ANY($1) AND w.year = $2 AND w.region_code >= $3 AND w.region_code < $4 AND w.setl_time < $5 AND w.withdrawn_at >= $5 AND w.withdrawn_at < $6
                    AND NOT EXISTS (SELECT 1 FROM now_over n WHERE n.subject_id = w.subject_id AND n.rule = w.rule)
                ORDER BY w.subject_id, w.rule, w.withdrawn_at DESC, w.position DESC
            ), listed AS (
                SELECT n.*, CASE WHEN n.setl_time >= $5 AND NOT EXISTS (SELECT 1 FROM last_year l WHERE l.subject_id = n.subject_id AND l.rule = n.rule)
                    THEN 'new' ELSE 'continuing' END AS status
                FROM now_over n
                UNION ALL
                SELECT l.*, false, 'exited' FROM last_year l WHERE NOT EXISTS (SELECT 1 FROM now_over n WHERE n.subject_id = l.subject_id AND n.rule = l.rule)
                UNION ALL
                SELECT * FROM exited_during
            )
            SELECT x.city_code, x.region_code, x.subject_id, x.household_id,
                coalesce((SELECT p.identities FROM ledger_person_months p WHERE p.psn_no = x.subject_id AND p.identities IS NOT NULL
                    AND ((p.year = $2 AND p.month <= $7) OR p.year = $2 - 1) ORDER BY p.identities_time DESC, p.identities_setl DESC LIMIT 1), ''),
                x.rule, x.threshold,
                coalesce((SELECT sum(p.self_pay) FROM ledger_person_months p WHERE p.psn_no = x.subject_id AND p.year = $2 AND p.month <= $7), 0),
                x.status, x.setl_id, x.setl_time,
                x.withdrawn OR EXISTS (SELECT 1 FROM ledger_person_months p WHERE p.psn_no = x.subject_id AND p.year = $2 AND p.month <= $7 AND p.logged_max >= $6),
                (SELECT i.periods FROM ledger_person_identities i WHERE i.psn_no = x.subject_id)
            FROM listed x
            ORDER BY x.city_code, x.region_code, x.subject_id, x.rule
            """, MonthEndQuery.Rules, query.Year, from, until, query.Start.ToUniversalTime(), query.End.ToUniversalTime(), query.Month);
        return Stream(command, reader => new MonthEndRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(12) ? reader.GetString(4) : IdentityTimeline.On(reader.GetString(12), query.LastDay), reader.GetString(5), reader.GetDecimal(6),
            reader.GetDecimal(7), reader.GetString(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetBoolean(11)), cancellationToken);
    }

    public async Task<KpiSums> Kpis(string regionPrefix, int year, CancellationToken cancellationToken = default)
    {
        var (from, until) = Range(regionPrefix);
        var populations = new List<string>();
        var (count, medfee, fund, selfPay) = (0L, 0m, 0m, 0m);
        var sums = Command("""
            SELECT population, sum(settlement_count)::bigint, sum(medfee_sumamt), sum(fund_pay_sumamt), sum(psn_part_amt) FROM ledger_kpis
            WHERE year = $1 AND region_code >= $2 AND region_code < $3 GROUP BY population ORDER BY population COLLATE "C"
            """, year, from, until);
        await foreach (var row in Stream(sums, reader => (reader.GetString(0), reader.GetInt64(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4)), cancellationToken))
        {
            if (row.Item2 > 0)
            {
                populations.Add(row.Item1);
            }
            (count, medfee, fund, selfPay) = (count + row.Item2, medfee + row.Item3, fund + row.Item4, selfPay + row.Item5);
        }
        // The households with a member whose standing settlement is of the population, and of each only those members' burdens.
        var highCost = Command("""
            SELECT count(*) FILTER (WHERE x.high), count(*) FILTER (WHERE x.high AND x.self_pay <= x.household_cap AND x.member_after <= x.individual_cap)
            FROM (
                SELECT h.self_pay, h.household_cap, h.individual_cap, m.member_after,
                    h.self_pay + h.warm_fund > h.household_cap OR m.member_before > h.individual_cap AS high
                FROM (SELECT DISTINCT household_id FROM ledger_kpi_settlements
                    WHERE population IS NOT NULL AND settlement_count > 0 AND year = $1 AND region_code >= $2 AND region_code < $3) s
                JOIN ledger_household_years h ON h.household_id = s.household_id AND h.year = $1 AND h.household_cap IS NOT NULL
                CROSS JOIN LATERAL (
                    SELECT coalesce(max(person.before), 0) AS member_before, coalesce(max(person.after), 0) AS member_after
                    FROM (SELECT sum(p.self_pay + p.warm_fund) AS before, sum(p.self_pay) AS after FROM ledger_person_months p
                        WHERE p.household_id = h.household_id AND p.year = h.year AND p.psn_no IN (SELECT k.psn_no FROM ledger_kpi_settlements k
                            WHERE k.household_id = h.household_id AND k.year = h.year AND k.population IS NOT NULL AND k.settlement_count > 0)
                        GROUP BY p.psn_no) person) m) x
            """, year, from, until);
        var (households, cleared) = (0L, 0L);
        await foreach (var row in Stream(highCost, reader => (reader.GetInt64(0), reader.GetInt64(1)), cancellationToken))
        {
            (households, cleared) = row;
        }
        return new KpiSums(populations, count, medfee, fund, selfPay, households, cleared);
    }

    public IAsyncEnumerable<AdjustmentRow> Adjustments(string regionPrefix, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var (lowest, beyond) = Range(regionPrefix);
        var command = Command("""
            SELECT position, region_code, setl_id, psn_no, household_id, setl_time, logged_at, cause, cause_id, medfee_sumamt, hifp_pay, hifmi_pay,
                maf_pay, floor_pay, supplementary_pay, warm_fund_pay, fund_pay_sumamt, psn_part_amt
            FROM ledger_adjustments WHERE logged_at >= $1 AND logged_at < $2 AND region_code >= $3 AND region_code < $4 ORDER BY position
            """, from.ToUniversalTime(), until.ToUniversalTime(), lowest, beyond);
        return Stream(command, reader => new AdjustmentRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7), reader.GetString(8),
            reader.GetDecimal(9), reader.GetDecimal(10), reader.GetDecimal(11), reader.GetDecimal(12), reader.GetDecimal(13), reader.GetDecimal(14),
            reader.GetDecimal(15), reader.GetDecimal(16), reader.GetDecimal(17)), cancellationToken);
    }
}

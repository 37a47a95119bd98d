using Npgsql;

namespace Ledger.Silo.Projections;

/// <summary>One SQL statement per projection change, positional parameters, for one batch round trip.</summary>
internal static class ProjectionCommands
{
    public static NpgsqlBatchCommand Of(ProjectionChange change) => change switch
    {
        MonitoringOpened opened => Command("""
            INSERT INTO ledger_monitoring (subject_type, subject_id, rule, year, level, household_id, region_code, city_code, value, threshold, setl_id, setl_time, position)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (subject_type, subject_id, rule, year, level) DO UPDATE SET household_id = excluded.household_id, region_code = excluded.region_code,
                city_code = excluded.city_code, value = excluded.value, threshold = excluded.threshold, setl_id = excluded.setl_id,
                setl_time = excluded.setl_time, position = excluded.position
            """, opened.Row.Key.SubjectType, opened.Row.Key.SubjectId, opened.Row.Key.Rule, opened.Row.Key.Year, opened.Row.Key.Level,
            opened.Row.HouseholdId, opened.Row.RegionCode, opened.Row.CityCode, opened.Row.Value, opened.Row.Threshold, opened.Row.SetlId,
            opened.Row.SetlTime, opened.Row.Position),
        MonitoringClosed closed => Command(
            "DELETE FROM ledger_monitoring WHERE subject_type = $1 AND subject_id = $2 AND rule = $3 AND year = $4 AND level = $5",
            closed.Key.SubjectType, closed.Key.SubjectId, closed.Key.Rule, closed.Key.Year, closed.Key.Level),
        PersonMonthAdded added => Command("""
            INSERT INTO ledger_person_months AS t (psn_no, year, month, household_id, region_code, self_pay, logged_max, identities, identities_time, identities_setl, warm_fund)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (psn_no, year, month) DO UPDATE SET household_id = excluded.household_id, region_code = excluded.region_code,
                self_pay = t.self_pay + excluded.self_pay, warm_fund = t.warm_fund + excluded.warm_fund, logged_max = greatest(t.logged_max, excluded.logged_max),
                identities = CASE WHEN excluded.identities IS NOT NULL AND (excluded.identities_time, excluded.identities_setl) >= (t.identities_time, t.identities_setl)
                    THEN excluded.identities ELSE t.identities END,
                identities_time = CASE WHEN excluded.identities IS NOT NULL AND (excluded.identities_time, excluded.identities_setl) >= (t.identities_time, t.identities_setl)
                    THEN excluded.identities_time ELSE t.identities_time END,
                identities_setl = CASE WHEN excluded.identities IS NOT NULL AND (excluded.identities_time, excluded.identities_setl) >= (t.identities_time, t.identities_setl)
                    THEN excluded.identities_setl ELSE t.identities_setl END
            """, added.PsnNo, added.Year, (short)added.Month, added.HouseholdId, added.RegionCode, added.SelfPay, added.LoggedAt,
            added.Identities, added.IdentitiesAt, added.IdentitiesSetlId, added.WarmFund),
        HouseholdYearAdded added => Command("""
            INSERT INTO ledger_household_years AS t (household_id, year, region_code, self_pay, warm_fund, individual_cap, household_cap, in_population)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (household_id, year) DO UPDATE SET region_code = excluded.region_code, self_pay = t.self_pay + excluded.self_pay,
                warm_fund = t.warm_fund + excluded.warm_fund, individual_cap = excluded.individual_cap, household_cap = excluded.household_cap,
                in_population = t.in_population OR excluded.in_population
            """, added.HouseholdId, added.Year, added.RegionCode, added.SelfPay, added.WarmFund, added.IndividualCap, added.HouseholdCap, added.InPopulation),
        KpiAdded added => Command("""
            INSERT INTO ledger_kpis AS t (region_code, year, population, settlement_count, medfee_sumamt, fund_pay_sumamt, psn_part_amt)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (region_code, year, population) DO UPDATE SET settlement_count = t.settlement_count + excluded.settlement_count,
                medfee_sumamt = t.medfee_sumamt + excluded.medfee_sumamt, fund_pay_sumamt = t.fund_pay_sumamt + excluded.fund_pay_sumamt,
                psn_part_amt = t.psn_part_amt + excluded.psn_part_amt
            """, added.RegionCode, added.Year, added.Population, (long)added.SettlementCount, added.MedfeeSumamt, added.FundPaySumamt, added.PsnPartAmt),
        AdjustmentRecorded recorded => Command("""
            INSERT INTO ledger_adjustments (position, region_code, setl_id, psn_no, household_id, setl_time, logged_at, cause, cause_id, medfee_sumamt,
                hifp_pay, hifmi_pay, maf_pay, floor_pay, supplementary_pay, warm_fund_pay, fund_pay_sumamt, psn_part_amt)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT (position) DO NOTHING
            """, recorded.Row.Position, recorded.Row.RegionCode, recorded.Row.SetlId, recorded.Row.PsnNo, recorded.Row.HouseholdId, recorded.Row.SetlTime,
            recorded.Row.LoggedAt, recorded.Row.Cause, recorded.Row.CauseId, recorded.Row.MedfeeSumamt, recorded.Row.HifpPay, recorded.Row.HifmiPay,
            recorded.Row.MafPay, recorded.Row.FloorPay, recorded.Row.SupplementaryPay, recorded.Row.WarmFundPay, recorded.Row.FundPaySumamt,
            recorded.Row.PsnPartAmt),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "no statement for this projection change"),
    };

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value },
                DateTimeOffset time => new NpgsqlParameter { Value = time.ToUniversalTime() },
                _ => new NpgsqlParameter { Value = value },
            });
        }
        return command;
    }
}

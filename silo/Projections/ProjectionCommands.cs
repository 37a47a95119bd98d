using Npgsql;

namespace Ledger.Silo.Projections;

/// <summary>
/// A merged batch as one statement per table, each row's values passed as arrays and unnested: one
/// round trip writes the whole batch however many rows it touches. Every statement's rows have distinct
/// keys (the batch is merged per row), as ON CONFLICT DO UPDATE requires.
/// </summary>
internal static class ProjectionCommands
{
    /// <summary>The stored rows of the batch's monitoring subjects, with their <c>listed</c>.</summary>
    public static NpgsqlCommand StoredMonitoring(IReadOnlyCollection<MonitoringSubject> subjects, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var command = new NpgsqlCommand("""
            SELECT m.subject_type, m.subject_id, m.rule, m.year, m.level, m.household_id, m.region_code, m.value, m.threshold, m.setl_id, m.setl_time,
                m.position, m.listed
            FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[]) AS s (subject_type, subject_id, rule, year)
            JOIN ledger_monitoring m ON m.subject_type = s.subject_type AND m.subject_id = s.subject_id AND m.rule = s.rule AND m.year = s.year
            """, connection, transaction);
        Arrays(command.Parameters, subjects.Select(s => s.SubjectType).ToArray(), subjects.Select(s => s.SubjectId).ToArray(),
            subjects.Select(s => s.Rule).ToArray(), subjects.Select(s => s.Year).ToArray());
        return command;
    }

    public static ListedRow ReadStored(NpgsqlDataReader reader) => new(new MonitoringRow(
        new MonitoringKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4)), reader.GetString(5),
        reader.GetString(6), reader.GetDecimal(7), reader.GetDecimal(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetInt64(11)),
        reader.GetBoolean(12));

    /// <summary>
    /// Which of <paramref name="persons"/> have a counted settlement (by the journal's person index and the
    /// KPI rows' key): one statement per batch, so an identity change of a person without any (a
    /// registration) costs no re-classification (<see cref="ProjectionBatch.Reclassifying"/>).
    /// </summary>
    public static NpgsqlCommand WithCountedSettlements(string[] persons, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var command = new NpgsqlCommand("""
            SELECT p.psn_no FROM unnest($1::text[]) AS p (psn_no)
            WHERE EXISTS (SELECT 1 FROM ledger_journal j JOIN ledger_kpi_settlements k ON k.setl_id = j.setl_id
                WHERE j.psn_no = p.psn_no AND j.kind = 0 AND k.settlement_count > 0)
            """, connection, transaction);
        Arrays(command.Parameters, persons);
        return command;
    }

    /// <param name="settledBefore">Persons of the batch's identity changes with settlements counted before it (<see cref="WithCountedSettlements"/>).</param>
    public static IEnumerable<NpgsqlBatchCommand> Of(ProjectionBatch batch, MonitoringDelta monitoring, IReadOnlySet<string> settledBefore)
    {
        if (batch.Joined is { } joined)
        {
            foreach (var command in Join(joined))
            {
                yield return command;
            }
        }
        if (monitoring.Deletes.Count > 0)
        {
            yield return MonitoringDeletes(monitoring.Deletes);
        }
        if (monitoring.Upserts.Count > 0)
        {
            yield return MonitoringUpserts(monitoring.Upserts);
        }
        if (monitoring.Counts.Count > 0)
        {
            yield return MonitoringCounts(monitoring.Counts);
        }
        if (batch.PersonMonths.Count > 0)
        {
            yield return PersonMonths(batch.PersonMonths.Values);
        }
        if (batch.HouseholdYears.Count > 0)
        {
            yield return HouseholdYears(batch.HouseholdYears.Values);
        }
        if (monitoring.Withdrawn.Count > 0)
        {
            yield return Withdrawn(monitoring.Withdrawn.Values);
        }
        if (batch.Identities.Count > 0)
        {
            yield return Identities(batch.Identities.Values);
        }
        if (batch.Settlements.Count > 0)
        {
            // The settlements' sums leave the KPI rows they were counted in, move, and are counted where they now are.
            var setlIds = batch.Settlements.Keys.ToArray();
            yield return KpisUncounted(setlIds);
            yield return Settlements(batch.Settlements.Values);
            yield return KpisCounted(setlIds);
        }
        foreach (var reclassified in batch.Reclassifying(settledBefore))
        {
            foreach (var command in Reclassify(reclassified))
            {
                yield return command;
            }
        }
        if (batch.Adjustments.Count > 0)
        {
            yield return Adjustments(batch.Adjustments);
        }
    }

    private static NpgsqlBatchCommand MonitoringDeletes(List<MonitoringKey> keys) => Command("""
        DELETE FROM ledger_monitoring m USING unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[]) AS d (subject_type, subject_id, rule, year, level)
        WHERE m.subject_type = d.subject_type AND m.subject_id = d.subject_id AND m.rule = d.rule AND m.year = d.year AND m.level = d.level
        """, keys.Select(k => k.SubjectType).ToArray(), keys.Select(k => k.SubjectId).ToArray(), keys.Select(k => k.Rule).ToArray(),
        keys.Select(k => k.Year).ToArray(), keys.Select(k => k.Level).ToArray());

    private static NpgsqlBatchCommand MonitoringUpserts(List<ListedRow> rows) => Command("""
        INSERT INTO ledger_monitoring (subject_type, subject_id, rule, year, level, household_id, region_code, city_code, value, threshold, setl_id, setl_time,
            position, listed)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::numeric[],
            $11::text[], $12::timestamptz[], $13::bigint[], $14::boolean[])
        ON CONFLICT (subject_type, subject_id, rule, year, level) DO UPDATE SET household_id = excluded.household_id, region_code = excluded.region_code,
            city_code = excluded.city_code, value = excluded.value, threshold = excluded.threshold, setl_id = excluded.setl_id,
            setl_time = excluded.setl_time, position = excluded.position, listed = excluded.listed
        """, rows.Select(r => r.Row.Key.SubjectType).ToArray(), rows.Select(r => r.Row.Key.SubjectId).ToArray(), rows.Select(r => r.Row.Key.Rule).ToArray(),
        rows.Select(r => r.Row.Key.Year).ToArray(), rows.Select(r => r.Row.Key.Level).ToArray(), rows.Select(r => r.Row.HouseholdId).ToArray(),
        rows.Select(r => r.Row.RegionCode).ToArray(), rows.Select(r => r.Row.CityCode).ToArray(), rows.Select(r => r.Row.Value).ToArray(),
        rows.Select(r => r.Row.Threshold).ToArray(), rows.Select(r => r.Row.SetlId).ToArray(), rows.Select(r => r.Row.SetlTime.UtcDateTime).ToArray(),
        rows.Select(r => r.Row.Position).ToArray(), rows.Select(r => r.Listed).ToArray());

    private static NpgsqlBatchCommand MonitoringCounts(Dictionary<MonitoringCountKey, long> counts) => Command("""
        INSERT INTO ledger_monitoring_counts AS t (year, region_code, rule, level, listed, rows)
        SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::bigint[])
        ON CONFLICT (year, region_code, rule, level, listed) DO UPDATE SET rows = t.rows + excluded.rows
        """, counts.Keys.Select(k => k.Year).ToArray(), counts.Keys.Select(k => k.RegionCode).ToArray(), counts.Keys.Select(k => k.Rule).ToArray(),
        counts.Keys.Select(k => k.Level).ToArray(), counts.Keys.Select(k => k.Listed).ToArray(), counts.Values.ToArray());

    // A month first written by a reversal has no identities yet: its identities_time is -infinity, so the
    // first settlement that names them wins whatever its time.
    private static NpgsqlBatchCommand PersonMonths(ICollection<PersonMonthAdded> months) => Command("""
        INSERT INTO ledger_person_months AS t (psn_no, year, month, household_id, region_code, self_pay, warm_fund, logged_max, identities, identities_time, identities_setl)
        SELECT psn_no, year, month, household_id, region_code, self_pay, warm_fund, logged_max, identities,
            CASE WHEN identities IS NULL THEN '-infinity' ELSE identities_time END, CASE WHEN identities IS NULL THEN '' ELSE identities_setl END
        FROM unnest($1::text[], $2::integer[], $3::smallint[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::timestamptz[], $9::text[],
            $10::timestamptz[], $11::text[]) AS u (psn_no, year, month, household_id, region_code, self_pay, warm_fund, logged_max, identities, identities_time, identities_setl)
        ON CONFLICT (psn_no, year, month) DO UPDATE SET household_id = excluded.household_id, region_code = excluded.region_code,
            self_pay = t.self_pay + excluded.self_pay, warm_fund = t.warm_fund + excluded.warm_fund, logged_max = greatest(t.logged_max, excluded.logged_max),
            identities = CASE WHEN excluded.identities IS NOT NULL AND (excluded.identities_time, excluded.identities_setl) >= (t.identities_time, t.identities_setl)
                THEN excluded.identities ELSE t.identities END,
            identities_time = CASE WHEN excluded.identities IS NOT NULL AND (excluded.identities_time, excluded.identities_setl) >= (t.identities_time, t.identities_setl)
                THEN excluded.identities_time ELSE t.identities_time END,
            identities_setl = CASE WHEN excluded.identities IS NOT NULL AND (excluded.identities_time, excluded.identities_setl) >= (t.identities_time, t.identities_setl)
                THEN excluded.identities_setl ELSE t.identities_setl END
        """, months.Select(m => m.PsnNo).ToArray(), months.Select(m => m.Year).ToArray(), months.Select(m => (short)m.Month).ToArray(),
        months.Select(m => m.HouseholdId).ToArray(), months.Select(m => m.RegionCode).ToArray(), months.Select(m => m.SelfPay).ToArray(),
        months.Select(m => m.WarmFund).ToArray(), months.Select(m => m.LoggedAt.UtcDateTime).ToArray(), months.Select(m => m.Identities).ToArray(),
        months.Select(m => m.IdentitiesAt.UtcDateTime).ToArray(), months.Select(m => m.IdentitiesSetlId).ToArray());

    private static NpgsqlBatchCommand HouseholdYears(ICollection<HouseholdYearAdded> years) => Command("""
        INSERT INTO ledger_household_years AS t (household_id, year, region_code, self_pay, warm_fund, individual_cap, household_cap)
        SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[])
        ON CONFLICT (household_id, year) DO UPDATE SET region_code = excluded.region_code, self_pay = t.self_pay + excluded.self_pay,
            warm_fund = t.warm_fund + excluded.warm_fund, individual_cap = excluded.individual_cap, household_cap = excluded.household_cap
        """, years.Select(y => y.HouseholdId).ToArray(), years.Select(y => y.Year).ToArray(), years.Select(y => y.RegionCode).ToArray(),
        years.Select(y => y.SelfPay).ToArray(), years.Select(y => y.WarmFund).ToArray(), years.Select(y => y.IndividualCap).ToArray(),
        years.Select(y => y.HouseholdCap).ToArray());

    private static string KpiSumsOf(string settlements) => $"""
        SELECT region_code, year, population, sum(settlement_count), sum(medfee_sumamt), sum(fund_pay_sumamt), sum(psn_part_amt)
        FROM ledger_kpi_settlements WHERE {settlements} AND population IS NOT NULL GROUP BY region_code, year, population
        """;

    // "= ANY" of the array, not "IN (SELECT unnest(…))": the planner cannot see an array's size through an
    // unnest, so it plans the batch's sums as if over many rows. The figures are in bench/README.md
    // ("Figures behind design choices in the code").
    private const string BatchSettlements = "setl_id = ANY($1)";

    private static NpgsqlBatchCommand KpisUncounted(string[] setlIds) => Command(KpisUncountedSql(BatchSettlements), setlIds);

    private static NpgsqlBatchCommand KpisCounted(string[] setlIds) => Command(KpisCountedSql(BatchSettlements), setlIds);

    private static string KpisUncountedSql(string settlements) => $"""
        UPDATE ledger_kpis k SET settlement_count = k.settlement_count - s.settlement_count, medfee_sumamt = k.medfee_sumamt - s.medfee_sumamt,
            fund_pay_sumamt = k.fund_pay_sumamt - s.fund_pay_sumamt, psn_part_amt = k.psn_part_amt - s.psn_part_amt
        FROM ({KpiSumsOf(settlements)}) AS s (region_code, year, population, settlement_count, medfee_sumamt, fund_pay_sumamt, psn_part_amt)
        WHERE k.region_code = s.region_code AND k.year = s.year AND k.population = s.population
        """;

    private static string KpisCountedSql(string settlements) => $"""
        INSERT INTO ledger_kpis AS t (region_code, year, population, settlement_count, medfee_sumamt, fund_pay_sumamt, psn_part_amt)
        {KpiSumsOf(settlements)}
        ON CONFLICT (region_code, year, population) DO UPDATE SET settlement_count = t.settlement_count + excluded.settlement_count,
            medfee_sumamt = t.medfee_sumamt + excluded.medfee_sumamt, fund_pay_sumamt = t.fund_pay_sumamt + excluded.fund_pay_sumamt,
            psn_part_amt = t.psn_part_amt + excluded.psn_part_amt
        """;

    // The person's standing settlements in the region from the change on. Their times are the journal's
    // (the recorded entry of each, found by the person's index), so the KPI rows need no time of their own.
    private const string ReclassifiedSettlements = """
        setl_id IN (SELECT j.setl_id FROM ledger_journal j JOIN ledger_kpi_settlements k ON k.setl_id = j.setl_id
        WHERE j.psn_no = $1 AND j.year >= $3 AND j.kind = 0 AND j.setl_time >= $4 AND k.region_code = $2 AND k.settlement_count > 0)
        """;

    /// <summary>An identity change: the settlements it reaches leave their KPI rows, take the population of their date's span, and are counted there.</summary>
    private static IEnumerable<NpgsqlBatchCommand> Reclassify(PersonReclassified reclassified)
    {
        object[] person = [reclassified.PsnNo, reclassified.RegionCode, ChinaTime.Date(reclassified.From).Year, reclassified.From.UtcDateTime];
        var spans = reclassified.Spans;
        yield return Values(KpisUncountedSql(ReclassifiedSettlements), person);
        yield return Values("""
            UPDATE ledger_kpi_settlements k SET population = s.population
            FROM ledger_journal j, unnest($5::timestamptz[], $6::timestamptz[], $7::text[]) AS s (span_from, span_until, population)
            WHERE j.psn_no = $1 AND j.year >= $3 AND j.kind = 0 AND j.setl_time >= $4 AND k.setl_id = j.setl_id AND k.region_code = $2
                AND k.settlement_count > 0 AND j.setl_time >= s.span_from AND (s.span_until IS NULL OR j.setl_time < s.span_until)
            """, [.. person, spans.Select(span => span.From.UtcDateTime).ToArray(),
            spans.Skip(1).Select(span => (DateTime?)span.From.UtcDateTime).Append(null).ToArray(), spans.Select(span => span.Population).ToArray()]);
        yield return Values(KpisCountedSql(ReclassifiedSettlements), person);
    }

    /// <summary>
    /// A move's mark: the mover's person-months of the years it reaches leave the household-years they were
    /// counted in for the household joined (created with the caps they were counted under if it has no row of
    /// the year), and then name it, as its KPI settlements (found by the journal's person index) do.
    /// </summary>
    private static IEnumerable<NpgsqlBatchCommand> Join(MemberJoined joined)
    {
        object[] mover = [joined.PsnNo, joined.FromYear, joined.HouseholdId];
        yield return Values("""
            WITH moving AS (
                SELECT household_id, year, sum(self_pay) AS self_pay, sum(warm_fund) AS warm_fund FROM ledger_person_months
                WHERE psn_no = $1 AND year >= $2 AND household_id <> $3 GROUP BY household_id, year),
            counted AS (
                UPDATE ledger_household_years h SET self_pay = h.self_pay - m.self_pay, warm_fund = h.warm_fund - m.warm_fund
                FROM moving m WHERE h.household_id = m.household_id AND h.year = m.year
                RETURNING h.year, h.region_code, h.individual_cap, h.household_cap, m.self_pay, m.warm_fund)
            INSERT INTO ledger_household_years AS t (household_id, year, region_code, self_pay, warm_fund, individual_cap, household_cap)
            SELECT $3, year, max(region_code), sum(self_pay), sum(warm_fund), max(individual_cap), max(household_cap) FROM counted GROUP BY year
            ON CONFLICT (household_id, year) DO UPDATE SET self_pay = t.self_pay + excluded.self_pay, warm_fund = t.warm_fund + excluded.warm_fund
            """, mover);
        yield return Values("UPDATE ledger_person_months SET household_id = $3 WHERE psn_no = $1 AND year >= $2 AND household_id <> $3", mover);
        yield return Values("""
            UPDATE ledger_kpi_settlements SET household_id = $3 WHERE household_id <> $3
                AND setl_id IN (SELECT setl_id FROM ledger_journal WHERE psn_no = $1 AND year >= $2 AND kind = 0)
            """, mover);
    }

    private static NpgsqlBatchCommand Values(string sql, object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    // A move that does not classify (a reversal) keeps the stored row's region, household, person and population.
    private static NpgsqlBatchCommand Settlements(ICollection<SettlementKpiAdded> moves) => Command("""
        INSERT INTO ledger_kpi_settlements AS t (setl_id, psn_no, household_id, region_code, year, population, settlement_count, medfee_sumamt,
            fund_pay_sumamt, psn_part_amt)
        SELECT u.setl_id, CASE WHEN u.classifies OR s.setl_id IS NULL THEN u.psn_no ELSE s.psn_no END,
            CASE WHEN u.classifies OR s.setl_id IS NULL THEN u.household_id ELSE s.household_id END,
            CASE WHEN u.classifies OR s.setl_id IS NULL THEN u.region_code ELSE s.region_code END, u.year,
            CASE WHEN u.classifies OR s.setl_id IS NULL THEN u.population ELSE s.population END,
            u.settlement_count, u.medfee_sumamt, u.fund_pay_sumamt, u.psn_part_amt
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::boolean[], $7::text[], $8::bigint[], $9::numeric[], $10::numeric[],
            $11::numeric[]) AS u (setl_id, psn_no, household_id, region_code, year, classifies, population, settlement_count, medfee_sumamt, fund_pay_sumamt, psn_part_amt)
        LEFT JOIN ledger_kpi_settlements s ON s.setl_id = u.setl_id
        ON CONFLICT (setl_id) DO UPDATE SET psn_no = excluded.psn_no, household_id = excluded.household_id, region_code = excluded.region_code,
            population = excluded.population, settlement_count = t.settlement_count + excluded.settlement_count,
            medfee_sumamt = t.medfee_sumamt + excluded.medfee_sumamt, fund_pay_sumamt = t.fund_pay_sumamt + excluded.fund_pay_sumamt,
            psn_part_amt = t.psn_part_amt + excluded.psn_part_amt
        """, moves.Select(m => m.SetlId).ToArray(), moves.Select(m => m.PsnNo).ToArray(), moves.Select(m => m.HouseholdId).ToArray(),
        moves.Select(m => m.RegionCode).ToArray(), moves.Select(m => m.Year).ToArray(), moves.Select(m => m.Classifies).ToArray(),
        moves.Select(m => m.Population).ToArray(), moves.Select(m => (long)m.SettlementCount).ToArray(), moves.Select(m => m.MedfeeSumamt).ToArray(),
        moves.Select(m => m.FundPaySumamt).ToArray(), moves.Select(m => m.PsnPartAmt).ToArray());

    private static NpgsqlBatchCommand Identities(ICollection<PersonIdentitiesChanged> changes) => Command("""
        INSERT INTO ledger_person_identities (psn_no, periods) SELECT * FROM unnest($1::text[], $2::text[])
        ON CONFLICT (psn_no) DO UPDATE SET periods = excluded.periods
        """, changes.Select(c => c.PsnNo).ToArray(), changes.Select(c => c.Periods).ToArray());

    private static NpgsqlBatchCommand Withdrawn(ICollection<WithdrawnCrossing> crossings) => Command("""
        INSERT INTO ledger_withdrawn_crossings (subject_id, rule, year, household_id, region_code, city_code, value, threshold, setl_id, setl_time, position,
            withdrawn_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::numeric[], $9::text[],
            $10::timestamptz[], $11::bigint[], $12::timestamptz[])
        ON CONFLICT (subject_id, rule, year, position) DO UPDATE SET household_id = excluded.household_id, region_code = excluded.region_code,
            city_code = excluded.city_code, value = excluded.value, threshold = excluded.threshold, setl_id = excluded.setl_id,
            setl_time = excluded.setl_time, withdrawn_at = excluded.withdrawn_at
        """, crossings.Select(c => c.Row.Key.SubjectId).ToArray(), crossings.Select(c => c.Row.Key.Rule).ToArray(), crossings.Select(c => c.Row.Key.Year).ToArray(),
        crossings.Select(c => c.Row.HouseholdId).ToArray(), crossings.Select(c => c.Row.RegionCode).ToArray(), crossings.Select(c => c.Row.CityCode).ToArray(),
        crossings.Select(c => c.Row.Value).ToArray(), crossings.Select(c => c.Row.Threshold).ToArray(), crossings.Select(c => c.Row.SetlId).ToArray(),
        crossings.Select(c => c.Row.SetlTime.UtcDateTime).ToArray(), crossings.Select(c => c.Row.Position).ToArray(),
        crossings.Select(c => c.WithdrawnAt.UtcDateTime).ToArray());

    private static NpgsqlBatchCommand Adjustments(List<AdjustmentRow> rows) => Command("""
        INSERT INTO ledger_adjustments (position, region_code, setl_id, psn_no, household_id, setl_time, logged_at, cause, cause_id, medfee_sumamt,
            hifp_pay, hifmi_pay, maf_pay, floor_pay, supplementary_pay, warm_fund_pay, fund_pay_sumamt, psn_part_amt)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[], $9::text[],
            $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[], $14::numeric[], $15::numeric[], $16::numeric[], $17::numeric[], $18::numeric[])
        ON CONFLICT (position) DO NOTHING
        """, rows.Select(r => r.Position).ToArray(), rows.Select(r => r.RegionCode).ToArray(), rows.Select(r => r.SetlId).ToArray(),
        rows.Select(r => r.PsnNo).ToArray(), rows.Select(r => r.HouseholdId).ToArray(), rows.Select(r => r.SetlTime.UtcDateTime).ToArray(),
        rows.Select(r => r.LoggedAt.UtcDateTime).ToArray(), rows.Select(r => r.Cause).ToArray(), rows.Select(r => r.CauseId).ToArray(),
        rows.Select(r => r.MedfeeSumamt).ToArray(), rows.Select(r => r.HifpPay).ToArray(), rows.Select(r => r.HifmiPay).ToArray(),
        rows.Select(r => r.MafPay).ToArray(), rows.Select(r => r.FloorPay).ToArray(), rows.Select(r => r.SupplementaryPay).ToArray(),
        rows.Select(r => r.WarmFundPay).ToArray(), rows.Select(r => r.FundPaySumamt).ToArray(), rows.Select(r => r.PsnPartAmt).ToArray());

    private static NpgsqlBatchCommand Command(string sql, params Array[] columns)
    {
        var command = new NpgsqlBatchCommand(sql);
        Arrays(command.Parameters, columns);
        return command;
    }

    private static void Arrays(NpgsqlParameterCollection parameters, params Array[] columns)
    {
        foreach (var column in columns)
        {
            parameters.Add(new NpgsqlParameter { Value = column });
        }
    }
}

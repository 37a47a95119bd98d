using System.Diagnostics;
using System.Globalization;
using Ledger.Client.Wire;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using Npgsql;

namespace Ledger.Bench.Load.References;

/// <summary>
/// What a usual vendor builds: the same waterfall (this very policy engine) run by the application
/// inside one SQL transaction per settlement — check the settlement id, lock the household's and the
/// person's year rows, compute, update both, insert the settlement and its events, commit — from as
/// many connections as the silo's pool. In process, without HTTP or JSON, so the comparison favours it.
/// </summary>
public sealed class ConventionalLedger(string connectionString, PolicyCatalogue catalogue)
{
    private const string Totals = "total, scope, basic, critical, assistance, floor, supplementary, warm_fund, self_pay, settlement_count";

    public async Task CreateAsync(IReadOnlyList<PersonLine> persons)
    {
        await RawUpsert.Execute(connectionString, $"""
            DROP TABLE IF EXISTS conv_events, conv_settlements, conv_person_year, conv_household_year, conv_persons;
            CREATE TABLE conv_persons (psn_no text PRIMARY KEY, household_id text NOT NULL, region_code text NOT NULL, residence text NOT NULL, identities text NOT NULL);
            CREATE TABLE conv_household_year (household_id text, year int, {Columns()}, flags int NOT NULL DEFAULT 0, PRIMARY KEY (household_id, year));
            CREATE TABLE conv_person_year (psn_no text, year int, {Columns()}, critical_base numeric NOT NULL DEFAULT 0, high_cost_count int NOT NULL DEFAULT 0,
                flags int NOT NULL DEFAULT 0, PRIMARY KEY (psn_no, year));
            CREATE TABLE conv_settlements (setl_id text PRIMARY KEY, psn_no text NOT NULL, household_id text NOT NULL, year int NOT NULL,
                {Columns()}, recorded_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE conv_events (event_id text PRIMARY KEY, kind text NOT NULL, rule text, level text, subject_id text NOT NULL,
                household_id text NOT NULL, value numeric NOT NULL, threshold numeric NOT NULL, setl_id text NOT NULL, occurred_at timestamptz NOT NULL DEFAULT now());
            """);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync("COPY conv_persons FROM STDIN (FORMAT BINARY)");
        foreach (var person in persons)
        {
            await writer.WriteRowAsync(default, person.PsnNo, person.HouseholdId, person.RegionCode, person.Residence,
                string.Join(';', person.Identities.Select(identity => $"{identity.Type},{identity.Begin:yyyy-MM-dd},{identity.End:yyyy-MM-dd}")));
        }
        await writer.CompleteAsync();
    }

    /// <summary>Records settlements in order for a fixed time; returns settlements per second.</summary>
    public async Task<double> RunAsync(IReadOnlyList<SettlementLine> settlements, IReadOnlyDictionary<string, PersonLine> persons, int connections, TimeSpan duration)
    {
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            while (clock.Elapsed < duration && Interlocked.Increment(ref next) is var index && index < settlements.Count)
            {
                await RecordAsync(connection, settlements[index], persons[settlements[index].PsnNo]);
                Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }

    private async Task RecordAsync(NpgsqlConnection connection, SettlementLine line, PersonLine person)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        if (await Scalar(connection, "SELECT count(*) FROM conv_settlements WHERE setl_id = @p0", line.SetlId) > 0)
        {
            await transaction.CommitAsync();
            return;
        }
        var claim = Claim(line);
        var year = claim.Date.Year;
        await Execute(connection, "INSERT INTO conv_household_year (household_id, year) VALUES (@p0, @p1) ON CONFLICT DO NOTHING", person.HouseholdId, year);
        await Execute(connection, "INSERT INTO conv_person_year (psn_no, year) VALUES (@p0, @p1) ON CONFLICT DO NOTHING", line.PsnNo, year);
        var household = await ReadYear(connection, $"SELECT {Totals}, flags FROM conv_household_year WHERE household_id = @p0 AND year = @p1 FOR UPDATE", person.HouseholdId, year);
        var personRow = await ReadYear(connection, $"SELECT {Totals}, flags, critical_base, high_cost_count FROM conv_person_year WHERE psn_no = @p0 AND year = @p1 FOR UPDATE", line.PsnNo, year);
        var householdYear = new HouseholdYear { Totals = household.Totals, Flags = new ThresholdFlags((ushort)household.Flags) };
        var personYear = new PersonYear { Totals = personRow.Totals, Flags = new ThresholdFlags((ushort)personRow.Flags), CriticalBase = personRow.CriticalBase, HighCostCount = personRow.HighCostCount };
        var policy = catalogue.Find(person.RegionCode, claim.Date)!;
        var context = new MemberContext(IdentityPeriod.ValidOn(person.Identities.Select(Period), claim.Date), person.Residence == "urban" ? Residence.Urban : Residence.Rural);
        var changes = new ThresholdChange[Thresholds.ChangesMax];
        var split = SettlementEngine.Record(policy, claim, context, ref personYear, ref householdYear, changes, out var count);
        await Execute(connection, $"UPDATE conv_household_year SET ({Totals}, flags) = (@p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12) WHERE household_id = @p0 AND year = @p1",
            [person.HouseholdId, year, .. Values(householdYear.Totals), (int)householdYear.Flags.Bits]);
        await Execute(connection, $"UPDATE conv_person_year SET ({Totals}, flags, critical_base, high_cost_count) = (@p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14) WHERE psn_no = @p0 AND year = @p1",
            [line.PsnNo, year, .. Values(personYear.Totals), (int)personYear.Flags.Bits, personYear.CriticalBase, personYear.HighCostCount]);
        await Execute(connection, $"INSERT INTO conv_settlements (setl_id, psn_no, household_id, year, {Totals}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)",
            [line.SetlId, line.PsnNo, person.HouseholdId, year, split.Total, split.PolicyScope, split.Basic, split.Critical, split.Assistance, split.Floor, split.Supplementary, split.WarmFund, split.SelfPay, 1]);
        for (var i = 0; i < count; i++)
        {
            var change = changes[i];
            await Execute(connection, "INSERT INTO conv_events (event_id, kind, rule, level, subject_id, household_id, value, threshold, setl_id) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)",
                $"{person.HouseholdId}/{line.SetlId}/{i + 1}", RuleCodes.ToCode(change.Kind), RuleCodes.ToCode(change.Rule), RuleCodes.ToCode(change.Level),
                change.IsHouseholdSubject ? person.HouseholdId : line.PsnNo, person.HouseholdId, change.Value, change.Threshold, line.SetlId);
        }
        await transaction.CommitAsync();
    }

    private static string Columns() => string.Join(", ", Totals.Split(", ").Select(column => column == "settlement_count" ? "settlement_count int NOT NULL DEFAULT 0" : $"{column} numeric NOT NULL DEFAULT 0"));

    private static object[] Values(YearTotals totals) =>
        [totals.Total, totals.PolicyScope, totals.Basic, totals.Critical, totals.Assistance, totals.Floor, totals.Supplementary, totals.WarmFund, totals.SelfPay, totals.SettlementCount];

    private sealed record YearRow(YearTotals Totals, int Flags, decimal CriticalBase, int HighCostCount);

    private static async Task<YearRow> ReadYear(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var totals = new YearTotals
        {
            Total = reader.GetDecimal(0), PolicyScope = reader.GetDecimal(1), Basic = reader.GetDecimal(2), Critical = reader.GetDecimal(3),
            Assistance = reader.GetDecimal(4), Floor = reader.GetDecimal(5), Supplementary = reader.GetDecimal(6), WarmFund = reader.GetDecimal(7),
            SelfPay = reader.GetDecimal(8), SettlementCount = reader.GetInt32(9),
        };
        return new YearRow(totals, reader.GetInt32(10), reader.FieldCount > 11 ? reader.GetDecimal(11) : 0m, reader.FieldCount > 12 ? reader.GetInt32(12) : 0);
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = Command(connection, sql, values);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"p{i}", values[i]);
        }
        return command;
    }

    private static Claim Claim(SettlementLine line)
    {
        MedicalTypeCodes.TryParse(line.MedType, out var medicalType);
        var date = DateOnly.ParseExact(line.SetlTime[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Claim(date, medicalType, line.HospLv, line.MedfeeSumamt, line.InscpScpAmt, line.FulamtOwnpayAmt, line.OverlmtSelfpay,
            line.PreselfpayAmt, line.HifpPay, line.HifmiPay, line.MafPay);
    }

    private static IdentityPeriod Period(IdentityLine identity)
    {
        IdentityCodes.TryParse(identity.Type, out var parsed);
        return new IdentityPeriod(parsed, identity.Begin, identity.End);
    }
}

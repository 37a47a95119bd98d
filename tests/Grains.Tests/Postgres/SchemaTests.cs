using Ledger.Schema;
using Ledger.Silo.Storage;
using Npgsql;

namespace Ledger.Grains.Tests.Postgres;

public sealed class SchemaTests : IClassFixture<PostgresDatabase>
{
    private static readonly string[] QueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowKey", "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private readonly PostgresDatabase _database;

    public SchemaTests(PostgresDatabase database) => _database = database;

    [Fact]
    public async Task Schema_applies_twice_and_the_second_time_changes_nothing()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString);
        var before = await Snapshot();

        Assert.False(await PostgresSchema.ApplyAsync(_database.ConnectionString));

        Assert.Equal(before, await Snapshot());
        Assert.Equal(PostgresSchema.Version, await _database.Scalar<int>("SELECT max(version) FROM ledger_schema_version"));
    }

    [Fact]
    public async Task A_silo_refuses_a_database_whose_schema_the_migration_role_has_not_applied()
    {
        var fresh = new PostgresDatabase();
        await fresh.InitializeAsync();
        try
        {
            var refused = await Assert.ThrowsAsync<SchemaOutOfDateException>(() => PostgresSchema.RequireCurrentAsync(fresh.AppConnectionString));
            Assert.Contains("ledger db init", refused.Message, StringComparison.Ordinal);

            await fresh.ApplySchemaAsync();

            await PostgresSchema.RequireCurrentAsync(fresh.AppConnectionString);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silo_checks_the_schema_in_its_start_up_stage_and_does_not_start_on_a_database_without_it()
    {
        var fresh = new PostgresDatabase();
        await fresh.InitializeAsync();
        try
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => DurableCluster.Start(fresh, applySchema: false));

            Assert.Contains("ledger db init", refused.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task Schema_10_keys_withdrawn_crossings_by_the_crossing_and_has_a_schema_9_database_rebuild_its_projections()
    {
        var fresh = new PostgresDatabase();
        await fresh.InitializeAsync();
        try
        {
            // A database at schema 9 (every script but 17) with projected rows: one withdrawn crossing per person, rule and year.
            await using (var connection = new NpgsqlConnection(fresh.ConnectionString))
            {
                await connection.OpenAsync();
                foreach (var script in PostgresSchema.Scripts().Where(script => !script.Contains("ledger_withdrawn_crossings_by_crossing", StringComparison.Ordinal)))
                {
                    await Execute(connection, script);
                }
                await Execute(connection, """
                    CREATE TABLE ledger_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
                    INSERT INTO ledger_schema_version (version) VALUES (9);
                    INSERT INTO ledger_projection_checkpoint (name, position) VALUES ('projector', 7);
                    INSERT INTO ledger_withdrawn_crossings VALUES ('P', 'return_to_poverty_risk', 2022, 'H', '350102', '3501', 1, 1, 'S1', now(), 3, now());
                    """);
            }

            Assert.True(await PostgresSchema.ApplyAsync(fresh.ConnectionString));

            // Emptied, so the projector rebuilds them from position 0 and finds the crossings the old key overwrote.
            Assert.Equal((0L, 0L), (await fresh.Scalar<long>("SELECT count(*) FROM ledger_projection_checkpoint"),
                await fresh.Scalar<long>("SELECT count(*) FROM ledger_withdrawn_crossings")));
            Assert.Equal("PRIMARY KEY (subject_id, rule, year, \"position\")", await fresh.Scalar<string>("""
                SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'ledger_withdrawn_crossings'::regclass AND contype = 'p'
                """));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Every_query_key_the_providers_look_up_is_defined()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString);

        var keys = await _database.Scalar<string[]>("SELECT array_agg(querykey ORDER BY querykey) FROM orleansquery");

        Assert.Empty(QueryKeys.Except(keys));
    }

    /// <summary>Tables, columns, functions, query texts and version rows: what a second run could change.</summary>
    private Task<string> Snapshot() => _database.Scalar<string>("""
        SELECT string_agg(item, E'\n' ORDER BY item) FROM (
            SELECT table_name || '.' || column_name || ':' || data_type AS item FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'fn ' || p.proname || ':' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL SELECT 'q ' || querykey || ':' || md5(querytext) FROM orleansquery
            UNION ALL SELECT 'v ' || version || ':' || applied_at FROM ledger_schema_version
            UNION ALL SELECT 'i ' || indexname FROM pg_indexes WHERE schemaname = 'public') items
        """);
}

using Ledger.Schema;
using Ledger.Silo.Storage;

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

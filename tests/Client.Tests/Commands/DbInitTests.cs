using Ledger.Client.Tests.Fakes;
using Ledger.Schema;
using Npgsql;

namespace Ledger.Client.Tests.Commands;

/// <summary>
/// <c>ledger db init</c> against the machine's PostgreSQL (.ci/postgres.sh makes role "ledger" with
/// CREATEDB, and "ledger_app", the silos' login), each test in a fresh, empty database of its own
/// (<see cref="PostgresDatabase"/>: no schema until the command under test applies it).
/// </summary>
public sealed class DbInitTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public void The_schema_carries_every_script_in_order()
    {
        var scripts = PostgresSchema.Scripts().ToList();
        var files = Directory.GetFiles(Repository.Path("grains", "Schema", "Sql"), "*.sql").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(files.Select(File.ReadAllText), scripts);
    }

    [Fact]
    public async Task Db_init_creates_the_schema_once_and_then_leaves_it()
    {
        var target = _database.ConnectionString;
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("db init does not use HTTP")));

        var first = await cli.RunAsync("db", "init", "--connection", target);
        var second = await cli.RunAsync("db", "init", "--connection", target);

        Assert.True(first == 0 && second == 0, cli.Error);
        var version = PostgresSchema.Version;
        Assert.Equal($"schema applied version={version}\nschema already at version={version}\n", cli.Out.ReplaceLineEndings("\n"));
        await using var check = new NpgsqlConnection(target);
        await check.OpenAsync();
        await using var tables = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orleansquery', 'orleansmembershiptable', 'orleansstorage', 'orleansreminderstable', 'ledger_journal', 'ledger_persons')", check);
        Assert.Equal(6L, (long)(await tables.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_silos_role_reads_and_writes_rows_but_cannot_run_DDL_nor_rewrite_the_journal_Orleans_queries_or_the_audit_trail()
    {
        var target = _database.ConnectionString;
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("db init does not use HTTP")));
        Assert.True(await cli.RunAsync("db", "init", "--connection", target, "--app-role", "ledger_app") == 0, cli.Error);
        Assert.EndsWith("granted role=ledger_app\n", cli.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        await using var app = new NpgsqlConnection(_database.AppConnectionString);
        await app.OpenAsync();

        await Execute(app, "INSERT INTO ledger_persons (psn_no, household_id, region_code, record) VALUES ('P-1', 'H-1', '350102', '\\x00')");
        await Execute(app, "UPDATE ledger_persons SET region_code = '350103' WHERE psn_no = 'P-1'");
        await Execute(app, "INSERT INTO ledger_journal (position, kind, setl_id, psn_no, household_id, region_code, year, setl_time, logged_at, payload) " +
            "VALUES (1, 0, 'S-1', 'P-1', 'H-1', '350102', 2024, now(), now(), '\\x00')");
        await Execute(app, "INSERT INTO ledger_audit (at, key_id, action, subject, outcome) VALUES (now(), 'k', 'read', 'person:P-1', '200')");
        await Execute(app, "SELECT count(*) FROM orleansquery");
        foreach (var refused in new[]
        {
            "CREATE TABLE intruder (id int)", "CREATE SCHEMA intruder", "DROP TABLE ledger_journal", "ALTER TABLE ledger_journal ADD COLUMN x int",
            "TRUNCATE ledger_journal", "UPDATE ledger_journal SET psn_no = 'P-2'", "DELETE FROM ledger_journal",
            "UPDATE orleansquery SET querytext = 'SELECT 1'", "DELETE FROM ledger_audit", "UPDATE ledger_audit SET outcome = '404'",
            "INSERT INTO ledger_schema_version (version) VALUES (999)",
        })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => Execute(app, refused));
            Assert.True(error.SqlState is "42501", $"{refused}: {error.SqlState} {error.MessageText}");
        }
    }

    [Fact]
    public async Task Db_rebuild_projections_empties_the_projections_and_their_checkpoint_and_leaves_the_journal()
    {
        var target = _database.ConnectionString;
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("db commands do not use HTTP")));
        Assert.True(await cli.RunAsync("db", "init", "--connection", target) == 0, cli.Error);
        await using var check = new NpgsqlConnection(target);
        await check.OpenAsync();
        await Execute(check, "INSERT INTO ledger_journal (position, kind, setl_id, psn_no, household_id, region_code, year, setl_time, logged_at, payload) " +
            "VALUES (1, 0, 'S-1', 'P-1', 'H-1', '350102', 2022, now(), now(), '\\x00')");
        await Execute(check, "INSERT INTO ledger_projection_checkpoint (name, position) VALUES ('journal', 1)");
        await Execute(check, "INSERT INTO ledger_kpis VALUES ('350102', 2022, 'anyone', 1, 100, 80, 20)");

        var exit = await cli.RunAsync("db", "rebuild-projections", "--connection", target);

        Assert.True(exit == 0, cli.Error);
        Assert.EndsWith("projections emptied: the projector rebuilds them from journal position 0\n", cli.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        await using var counts = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM ledger_projection_checkpoint), (SELECT count(*) FROM ledger_kpis), (SELECT count(*) FROM ledger_journal)", check);
        await using var reader = await counts.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((0L, 0L, 1L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [Fact]
    public async Task Db_init_reports_a_refused_login_without_printing_the_connection_string()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("db init does not use HTTP")));
        var wrong = new NpgsqlConnectionStringBuilder(PostgresDatabase.Server) { Password = "not-the-password-4711" }.ConnectionString;

        var exit = await cli.RunAsync("db", "init", "--connection", wrong);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: db init: ", cli.Error);
        Assert.DoesNotContain("not-the-password-4711", cli.Error);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Db_init_without_a_connection_string_is_a_usage_error()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => throw new InvalidOperationException("db init does not use HTTP")));
        var saved = Environment.GetEnvironmentVariable(Ledger.Client.Commands.DbCommand.ConnectionVariable);
        if (saved is not null)
        {
            return; // the machine configures one: nothing to show here
        }

        var exit = await cli.RunAsync("db", "init");

        Assert.Equal(2, exit);
        Assert.Contains("--connection: give a connection string", cli.Error);
    }
}

using Npgsql;
using Xunit;

namespace Ledger.Tests.Support;

/// <summary>
/// A fresh database per test class on the real server `.ci/run` starts, dropped afterwards. An
/// unreachable server fails the tests with a message saying how to start it: never a silent skip.
/// It is created and migrated by the migration role ("ledger", <see cref="ConnectionString"/>); silos
/// under test log in as the application role ("ledger_app", <see cref="AppConnectionString"/>), which
/// <see cref="ApplySchemaAsync"/> grants rows to read and write, as `ledger db init --app-role` does.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public static readonly string Server = Environment.GetEnvironmentVariable("LEDGER_TEST_PG")
        ?? "Host=127.0.0.1;Username=ledger;Password=ledger;Database=ledger";

    public static readonly string AppServer = Environment.GetEnvironmentVariable("LEDGER_TEST_PG_APP")
        ?? "Host=127.0.0.1;Username=ledger_app;Password=ledger_app;Database=ledger";

    public const string AppRole = "ledger_app";

    private readonly string _name = $"ledger_test_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name, Pooling = true }.ConnectionString;

    public string AppConnectionString => new NpgsqlConnectionStringBuilder(AppServer) { Database = _name, Pooling = true }.ConnectionString;

    public string Name => _name;

    public async Task InitializeAsync()
    {
        try
        {
            await Maintenance($"CREATE DATABASE {_name}");
        }
        catch (NpgsqlException error)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{Server}': run `bash .ci/run` (or `bash .ci/postgres.sh`) first. {error.Message}", error);
        }
    }

    /// <summary>The schema, applied by the migration role, and the application role's grants.</summary>
    public async Task ApplySchemaAsync()
    {
        await Ledger.Schema.PostgresSchema.ApplyAsync(ConnectionString);
        await Ledger.Schema.PostgresSchema.GrantAsync(ConnectionString, AppRole);
    }

    /// <summary>
    /// Drops the database, ending the sessions still on it. An autovacuum worker on it has no role the
    /// test role may signal, and PostgreSQL then refuses (42501) rather than wait: such a worker ends
    /// within moments, so the drop is tried again until a deadline.
    /// </summary>
    public async Task DisposeAsync()
    {
        // This database's pools only: clearing every pool in the process closed the idle connections of
        // other tests' silos mid-test (one of them counts the connections it cuts to stand in for a restart).
        foreach (var connectionString in new[] { ConnectionString, AppConnectionString })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await Maintenance($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
                return;
            }
            catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse
                && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    public async Task<T> Scalar<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Maintenance(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

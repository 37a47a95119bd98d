using Npgsql;

namespace Ledger.Silo.Storage;

/// <summary>
/// The project's own PostgreSQL schema: Orleans' ADO.NET tables and the query texts the 10.4 providers
/// look up, plus the ledger's event log. Applied at silo start (or by <c>ledger db init</c>) in one
/// transaction under an advisory lock, so two silos starting together are safe; a database already at
/// <see cref="Version"/> is left untouched.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Bump when a script changes; every script stays idempotent regardless.</summary>
    public const int Version = 3;

    /// <summary>An arbitrary constant naming the "schema migration" advisory lock.</summary>
    private const long MigrationLock = 0x4C_65_64_67_65_72;

    public static async Task<bool> ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        await Execute(connection, """
            CREATE TABLE IF NOT EXISTS ledger_schema_version
            (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);
        await using (var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM ledger_schema_version", connection))
        {
            if ((int)(await current.ExecuteScalarAsync(cancellationToken))! >= Version)
            {
                await transaction.CommitAsync(cancellationToken);
                return false;
            }
        }
        foreach (var script in Scripts())
        {
            await Execute(connection, script, cancellationToken);
        }
        await Execute(connection, $"INSERT INTO ledger_schema_version (version) VALUES ({Version})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The embedded scripts, in file-name order.</summary>
    public static IEnumerable<string> Scripts()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return reader.ReadToEnd();
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

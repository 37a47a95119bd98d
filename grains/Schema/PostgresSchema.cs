using Npgsql;

namespace Ledger.Schema;

/// <summary>
/// The project's own PostgreSQL schema: Orleans' ADO.NET tables and the query texts the 10.4 providers
/// look up, plus the ledger's tables. Applied by <c>ledger db init</c> under the migration role, in one
/// transaction under an advisory lock; a database already at <see cref="Version"/> is left untouched.
/// The silo's own role gets rows to read and write (<see cref="GrantAsync"/>) and no more: the silo
/// only checks at start that the schema is current (<see cref="RequireCurrentAsync"/>).
/// </summary>
public static class PostgresSchema
{
    /// <summary>Bump when a script changes; every script stays idempotent regardless.</summary>
    public const int Version = 11;

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

    /// <summary>
    /// Lets <paramref name="appRole"/> (the silo's login) read and write the ledger's rows, nothing
    /// else: not the SQL texts Orleans runs (orleansquery), not the schema version, not to change or
    /// delete audit lines, and (with PUBLIC's CREATE on the schema revoked) not to create anything.
    /// Run after every migration: tables added since get their grants too.
    /// </summary>
    public static async Task GrantAsync(string connectionString, string appRole, CancellationToken cancellationToken = default)
    {
        if (appRole.Length is 0 or > 63 || !appRole.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') || char.IsAsciiDigit(appRole[0]))
        {
            throw new ArgumentException($"the application role must be a lower-case SQL identifier, not '{appRole}'", nameof(appRole));
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var role = $"\"{appRole}\"";
        foreach (var statement in (string[])[
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            $"GRANT USAGE ON SCHEMA public TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            $"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON orleansquery, ledger_schema_version FROM {role}",
            $"REVOKE UPDATE, DELETE, TRUNCATE ON ledger_audit FROM {role}",
            // The journal is appended to, never edited: the silos' role cannot rewrite history.
            $"REVOKE UPDATE, DELETE, TRUNCATE ON ledger_journal FROM {role}",
            // A claimed household stays its grain's: a roll cannot write into it by dropping the claim.
            $"REVOKE UPDATE, DELETE, TRUNCATE ON ledger_households FROM {role}",
            // A personal-data key's check value is recorded once: a silo cannot make a changed key look like the first.
            $"REVOKE UPDATE, DELETE, TRUNCATE ON ledger_personal_data_keys FROM {role}",
        ])
        {
            await Execute(connection, statement, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Refuses to go on (the silo does not start) unless the database's schema is at <see cref="Version"/>.</summary>
    public static async Task RequireCurrentAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var found = 0;
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('ledger_schema_version') IS NOT NULL", connection))
        {
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                await using var version = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM ledger_schema_version", connection);
                found = (int)(await version.ExecuteScalarAsync(cancellationToken))!;
            }
        }
        // Newer is fine: migrations only add, so silos of the previous release keep running through an upgrade.
        if (found < Version)
        {
            throw new SchemaOutOfDateException(
                $"The database schema is at version {found}; this silo needs version {Version}. Apply it with the migration role: ledger db init --connection \"…\" --app-role <the silo's role>.");
        }
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

/// <summary>The database's schema is older than this release needs: the silo refuses to start until it is migrated.</summary>
public sealed class SchemaOutOfDateException(string message) : InvalidOperationException(message);

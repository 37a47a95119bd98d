using Ledger.Bench.Load.References;
using Npgsql;

namespace Ledger.Bench.Load;

/// <summary>Runs the requested modes and, on PostgreSQL, the two reference points on the same server.</summary>
public static class LoadRunner
{
    public static async Task<LoadReport> RunAsync(LoadSettings settings, IReadOnlyList<string> modes, string server, Action<string> say)
    {
        var report = new LoadReport(settings, DateTimeOffset.UtcNow, Environment.ProcessorCount);
        if (modes.Contains("embedded"))
        {
            report.Modes.Add(await ModeRun.RunAsync("embedded", settings, connection: null, say));
        }
        if (modes.Contains("postgres"))
        {
            await WithDatabaseAsync(server, say, async connection =>
            {
                report.Modes.Add(await ModeRun.RunAsync("postgres", settings, connection, say));
            });
            say($"peer: ../shared/bench/sqlpeer/run.sh, {settings.ReferenceDuration.TotalSeconds:0} s each");
            report.Peer = await SqlPeer.RunAsync(settings.ReferenceDuration);
        }
        return report;
    }

    public static async Task<MemoryFigures> MemoryAsync(string mode, int persons, TimeSpan idle, string server, Action<string> say)
    {
        if (mode == "embedded")
        {
            return await MemoryRun.RunAsync(mode, persons, idle, connection: null, say);
        }
        MemoryFigures? figures = null;
        await WithDatabaseAsync(server, say, async connection => figures = await MemoryRun.RunAsync(mode, persons, idle, connection, say));
        return figures!;
    }

    public static async Task<RegistrationFigures> RegistrationAsync(string mode, int households, int batchLines, int connections, bool cold, string server, Action<string> say)
    {
        if (mode == "embedded")
        {
            return await RegistrationRun.RunAsync(mode, households, batchLines, connections, cold, connection: null, say);
        }
        RegistrationFigures? figures = null;
        await WithDatabaseAsync(server, say, async connection => figures = await RegistrationRun.RunAsync(mode, households, batchLines, connections, cold, connection, say));
        return figures!;
    }

    /// <summary>A fresh database for one run, dropped afterwards.</summary>
    private static async Task WithDatabaseAsync(string server, Action<string> say, Func<string, Task> run)
    {
        var database = $"ledger_load_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await Maintenance(server, $"CREATE DATABASE {database}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            // As `ledger db init` would; the silo only checks the schema (the harness's role owns it).
            await Ledger.Schema.PostgresSchema.ApplyAsync(connection);
            await run(connection);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync(server, database, say);
        }
    }

    /// <summary>
    /// A plain DROP (not WITH (FORCE)): the server itself stops an autovacuum worker still busy in the
    /// database, which FORCE would refuse to terminate for a role that is not a superuser. The silo's
    /// connections may take a moment to close after it exits, hence the retries.
    /// </summary>
    private static async Task DropAsync(string server, string database, Action<string> say)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Maintenance(server, $"DROP DATABASE IF EXISTS {database}");
                return;
            }
            catch (PostgresException error) when (attempt < 30)
            {
                say($"dropping {database}: {error.MessageText}; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static async Task Maintenance(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

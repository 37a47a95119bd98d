using Ledger.Bench.Load.References;
using Ledger.Client.Simulation;
using Ledger.Policy.Loading;
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
                var figures = await ModeRun.RunAsync("postgres", settings, connection, say);
                report.Modes.Add(figures);
                var payload = (int)Math.Round(figures.HouseholdStateBytes ?? 1_000);
                say($"reference: raw single-row upserts of {payload} bytes for {settings.ReferenceDuration.TotalSeconds:0} s");
                report.RawUpsertPerSecond = await RawUpsert.RunAsync(connection, settings.DatabaseConnections, payload, settings.Households, settings.ReferenceDuration);
                say($"reference: conventional one-transaction-per-settlement ledger for {settings.ReferenceDuration.TotalSeconds:0} s");
                report.ConventionalPerSecond = await ConventionalAsync(settings, connection);
            });
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

    /// <summary>A fresh database for one run, dropped afterwards.</summary>
    private static async Task WithDatabaseAsync(string server, Action<string> say, Func<string, Task> run)
    {
        var database = $"ledger_load_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await Maintenance(server, $"CREATE DATABASE {database}");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            // As `ledger db init` would; the silo only checks the schema (the harness's role owns it).
            await Ledger.Silo.Storage.PostgresSchema.ApplyAsync(connection);
            await run(connection);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync(server, database, say);
        }
    }

    private static async Task<double> ConventionalAsync(LoadSettings settings, string connection)
    {
        // A region of its own (another seed), so nothing is a duplicate of what the silo recorded.
        var region = new SyntheticRegion(new SimulationSettings
        {
            RegionCode = LoadSettings.Region, Households = settings.Households, Settlements = settings.Settlements, Year = LoadSettings.Year, Seed = settings.Seed + 1,
        });
        var ledger = new ConventionalLedger(connection, PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies")));
        await ledger.CreateAsync(region.Persons);
        return await ledger.RunAsync(region.Settlements().ToList(), ModeRun.PersonsById(region), settings.DatabaseConnections, settings.ReferenceDuration);
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

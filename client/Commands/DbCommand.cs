using System.CommandLine;
using Ledger.Client.Cli;

namespace Ledger.Client.Commands;

/// <summary>
/// <c>ledger db init --connection "Host=…" --app-role ledger_app</c>: applies the PostgreSQL schema
/// under the migration role (the silo's own role cannot: it has rows, not DDL) and grants the silo's role.
/// <c>ledger db rebuild-projections --connection "Host=…"</c> empties the read projections so the
/// projector rebuilds them from the journal.
/// It talks to PostgreSQL, not to the API, through <c>Ledger.Schema</c>, the one owner of the schema
/// (its scripts are embedded there), as the silo's start-up check does.
/// </summary>
public static class DbCommand
{
    public const string ConnectionVariable = "ConnectionStrings__Ledger";
    public const string AppRoleVariable = "LEDGER_APP_ROLE";

    public static Command Create(CliContext context)
    {
        var connection = new Option<string?>("--connection")
        {
            Description = $"Npgsql connection string (env {ConnectionVariable}, as the silo reads it).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null,
            HelpName = "CONNECTION_STRING",
        };
        var appRole = new Option<string?>("--app-role")
        {
            Description = $"The silo's database role: granted rows to read and write, nothing more (env {AppRoleVariable}).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(AppRoleVariable) is { Length: > 0 } value ? value : null,
            HelpName = "ROLE",
        };
        var init = new Command("init", "Create or upgrade the PostgreSQL schema (idempotent), as the migration role; with --app-role, grant the silo's role its rows.");
        init.Options.Add(connection);
        init.Options.Add(appRole);
        init.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var text = parse.GetValue(connection);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException($"--connection: give a connection string (or set {ConnectionVariable})");
            }
            return await SchemaInstaller.ApplyAsync(context, text, parse.GetValue(appRole), cancellationToken);
        }, cancellationToken));
        var rebuild = new Command("rebuild-projections",
            "Empty the read projections (monitoring, month-end data, KPIs, adjustments) and their checkpoint; the running silos' projector rebuilds them from the journal.");
        rebuild.Options.Add(connection);
        rebuild.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var text = parse.GetValue(connection);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException($"--connection: give a connection string (or set {ConnectionVariable})");
            }
            return await SchemaInstaller.RebuildProjectionsAsync(context, text, cancellationToken);
        }, cancellationToken));
        var db = new Command("db", "PostgreSQL administration.");
        db.Subcommands.Add(init);
        db.Subcommands.Add(rebuild);
        return db;
    }
}

using System.CommandLine;
using Ledger.Client.Cli;

namespace Ledger.Client.Commands;

/// <summary>
/// <c>ledger db init --connection "Host=…"</c>: applies the PostgreSQL schema ahead of the first silo.
/// It talks to PostgreSQL, not to the API, and compiles in only the silo's schema file (see the project
/// file); when that file is not part of the build it says so instead.
/// </summary>
public static class DbCommand
{
    public const string ConnectionVariable = "ConnectionStrings__Ledger";

    public static Command Create(CliContext context)
    {
        var connection = new Option<string?>("--connection")
        {
            Description = $"Npgsql connection string (env {ConnectionVariable}, as the silo reads it).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null,
            HelpName = "CONNECTION_STRING",
        };
        var init = new Command("init", "Create or upgrade the PostgreSQL schema (idempotent).");
        init.Options.Add(connection);
        init.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var text = parse.GetValue(connection);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException($"--connection: give a connection string (or set {ConnectionVariable})");
            }
            return await SchemaInstaller.ApplyAsync(context, text, cancellationToken);
        }, cancellationToken));
        var db = new Command("db", "PostgreSQL administration.");
        db.Subcommands.Add(init);
        return db;
    }
}

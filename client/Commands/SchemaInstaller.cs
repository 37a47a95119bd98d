using Ledger.Client.Cli;

namespace Ledger.Client.Commands;

/// <summary>
/// Applies the schema through the silo's own <c>PostgresSchema</c>, compiled in by link when the
/// project finds it (LEDGER_POSTGRES_SCHEMA); otherwise reports that this build cannot.
/// </summary>
internal static class SchemaInstaller
{
#if LEDGER_POSTGRES_SCHEMA
    public static async Task<int> ApplyAsync(CliContext context, string connection, string? appRole, CancellationToken cancellationToken)
    {
        try
        {
            var applied = await Ledger.Silo.Storage.PostgresSchema.ApplyAsync(connection, cancellationToken);
            var version = Ledger.Silo.Storage.PostgresSchema.Version;
            context.Out.WriteLine(applied ? $"schema applied version={version}" : $"schema already at version={version}");
            if (appRole is not null)
            {
                await Ledger.Silo.Storage.PostgresSchema.GrantAsync(connection, appRole, cancellationToken);
                context.Out.WriteLine($"granted role={appRole}");
            }
            return ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or ArgumentException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The message names the server and the cause; the connection string (it holds a password) is never printed.
            context.Fail($"db init: {exception.Message}");
            return exception is ArgumentException ? ExitCodes.Usage : ExitCodes.Failed;
        }
    }

    /// <summary>Empties the read projections and their checkpoint: the silos' projector rebuilds them from journal position 0.</summary>
    public static async Task<int> RebuildProjectionsAsync(CliContext context, string connection, CancellationToken cancellationToken)
    {
        try
        {
            await Ledger.Silo.Storage.ProjectionReset.RunAsync(connection, cancellationToken);
            context.Out.WriteLine("projections emptied: the projector rebuilds them from journal position 0");
            return ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or ArgumentException or TimeoutException or System.Net.Sockets.SocketException)
        {
            context.Fail($"db rebuild-projections: {exception.Message}");
            return exception is ArgumentException ? ExitCodes.Usage : ExitCodes.Failed;
        }
    }
#else
    public static Task<int> RebuildProjectionsAsync(CliContext context, string connection, CancellationToken cancellationToken)
    {
        context.Fail("db rebuild-projections is not available in this build: silo/Storage/ProjectionReset.cs was not found when the client was built");
        return Task.FromResult(ExitCodes.Failed);
    }

    public static Task<int> ApplyAsync(CliContext context, string connection, string? appRole, CancellationToken cancellationToken)
    {
        context.Fail("db init is not available in this build: the schema code (silo/Storage/PostgresSchema.cs) was not found " +
            "when the client was built");
        return Task.FromResult(ExitCodes.Failed);
    }
#endif
}

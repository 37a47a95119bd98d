using Ledger.Client.Cli;
using Ledger.Schema;

namespace Ledger.Client.Commands;

/// <summary>Applies the schema through <see cref="PostgresSchema"/>, the code the silo checks it with.</summary>
internal static class SchemaInstaller
{
    public static async Task<int> ApplyAsync(CliContext context, string connection, string? appRole, CancellationToken cancellationToken)
    {
        try
        {
            var applied = await PostgresSchema.ApplyAsync(connection, cancellationToken);
            var version = PostgresSchema.Version;
            context.Out.WriteLine(applied ? $"schema applied version={version}" : $"schema already at version={version}");
            if (appRole is not null)
            {
                await PostgresSchema.GrantAsync(connection, appRole, cancellationToken);
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
            await ProjectionReset.RunAsync(connection, cancellationToken);
            context.Out.WriteLine("projections emptied: the projector rebuilds them from journal position 0");
            return ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or ArgumentException or TimeoutException or System.Net.Sockets.SocketException)
        {
            context.Fail($"db rebuild-projections: {exception.Message}");
            return exception is ArgumentException ? ExitCodes.Usage : ExitCodes.Failed;
        }
    }
}

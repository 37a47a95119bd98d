namespace Ledger.Silo.Hosting;

/// <summary>Says loudly, once the host has started, what the operator is running and whether it is durable.</summary>
public sealed partial class StartupBanner(RuntimeMode mode, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (mode.Durable)
        {
            LogDurable(logger);
        }
        else
        {
            LogEmbedded(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = """

        ************************************************************************
        *  Household Ledger: EMBEDDED MODE. Nothing is durable: the journal,     *
        *  registrations and snapshots live in memory and are lost on exit.      *
        *  Set ConnectionStrings:Ledger to run on PostgreSQL.                    *
        ************************************************************************
        """)]
    private static partial void LogEmbedded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Household Ledger: PostgreSQL mode (the journal, registrations, snapshots and clustering are durable)")]
    private static partial void LogDurable(ILogger logger);
}

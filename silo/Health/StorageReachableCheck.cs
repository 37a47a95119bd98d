using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Ledger.Silo.Health;

/// <summary>
/// PostgreSQL answers a trivial query, over a pool of its own (one connection, two-second timeouts,
/// closed after 15 idle seconds) so a busy application pool neither fails the check nor waits behind
/// it, and the check holds no server connection slot while nobody asks. Embedded mode: always ready.
/// </summary>
public sealed class StorageReachableCheck : IHealthCheck, IAsyncDisposable
{
    private readonly NpgsqlDataSource? _database;

    public StorageReachableCheck(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Ledger");
        if (!string.IsNullOrWhiteSpace(connection))
        {
            _database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection)
            {
                Timeout = 2,
                CommandTimeout = 2,
                MaxPoolSize = 1,
                ConnectionIdleLifetime = 15,
                ApplicationName = "ledger-health",
            });
        }
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_database is null)
        {
            return HealthCheckResult.Healthy("embedded: in memory");
        }
        try
        {
            await using var command = _database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer ({error.GetType().Name})");
        }
    }

    public ValueTask DisposeAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}

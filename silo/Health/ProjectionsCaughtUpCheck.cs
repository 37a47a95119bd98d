using System.Globalization;
using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Silo.Projections;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Health;

/// <summary>
/// Ready while the read projections are within <see cref="ProjectionOptions.CaughtUpWithinSeconds"/> of
/// the journal: the oldest entry they do not yet include was logged no longer ago than that. Every
/// silo checks the shared projections, whichever silo keeps them.
/// </summary>
public sealed class ProjectionsCaughtUpCheck(IJournal journal, IProjectionStore store, TimeProvider clock, IOptions<ProjectionOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var checkpoint = await store.Checkpoint(cancellationToken);
            var next = await journal.ReadAfter(checkpoint, 1, cancellationToken: cancellationToken);
            if (next.Count == 0)
            {
                return HealthCheckResult.Healthy($"caught up at position {checkpoint}");
            }
            var behind = clock.GetUtcNow() - next[0].LoggedAt;
            var bound = TimeSpan.FromSeconds(options.Value.CaughtUpWithinSeconds);
            return behind <= bound
                ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"at position {checkpoint}, {behind.TotalSeconds:0.0} s behind"))
                : HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                    $"at position {checkpoint}, {behind.TotalSeconds:0} s behind the journal (bound {bound.TotalSeconds:0} s)"));
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy($"projections unreadable ({error.GetType().Name})");
        }
    }
}

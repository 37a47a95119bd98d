using System.Globalization;
using Ledger.Grains.Journal;
using Ledger.Silo.Projections;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Health;

/// <summary>
/// Healthy while the read projections are within <see cref="ProjectionOptions.CaughtUpWithinSeconds"/> of
/// the journal: the oldest entry they do not yet include was logged no longer ago than that. Every
/// silo checks the shared projections, whichever silo keeps them. Beyond the bound the check is
/// <b>Degraded</b>, not Unhealthy: <c>/health/ready</c> still answers 200 (its JSON says "Degraded"), so
/// settlements, which never read the projections, keep flowing while a rebuild replays the journal;
/// the reads that do say how far behind they are (<see cref="ProjectionLag.Header"/>) and
/// <c>ledger_health_ready{check="projections"}</c> is 0 (alert <c>LedgerProjectionsBehind</c>).
/// Unreadable projections are Degraded too: whether PostgreSQL answers is check <c>storage</c>'s.
/// </summary>
public sealed class ProjectionsCaughtUpCheck(IJournal journal, IProjectionStore store, TimeProvider clock, IOptions<ProjectionOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var lag = await ProjectionLag.Measure(journal, store, clock, cancellationToken);
            if (lag.CaughtUp)
            {
                return HealthCheckResult.Healthy($"caught up at position {lag.Checkpoint}");
            }
            var bound = ProjectionLag.Bound(options.Value);
            return !lag.Beyond(bound)
                ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"at position {lag.Checkpoint}, {lag.Behind.TotalSeconds:0.0} s behind"))
                : HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture,
                    $"at position {lag.Checkpoint}, {lag.Behind.TotalSeconds:0} s behind the journal (bound {bound.TotalSeconds:0} s); settlements are taken, reports and KPIs trail"));
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Degraded($"projections unreadable ({error.GetType().Name})");
        }
    }
}

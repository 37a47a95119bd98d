using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Silo.Health;

/// <summary>Ready only while this silo is an active member of the cluster (not joining, not shutting down).</summary>
public sealed class ClusterJoinedCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentStatus;
        var active = membership.GetActiveSilos().Length;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"active, one of {active} active silos")
            : HealthCheckResult.Unhealthy($"this silo is {status}, not active in the cluster"));
    }
}

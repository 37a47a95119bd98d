using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Silo.Health;

/// <summary>Unready from the moment the silo is asked to stop (SIGTERM): load balancers take it out while it drains.</summary>
public sealed class AcceptingCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("draining: the silo is stopping")
            : HealthCheckResult.Healthy("taking requests"));
}

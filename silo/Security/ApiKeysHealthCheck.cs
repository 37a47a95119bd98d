using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Silo.Security;

/// <summary>/health answers 503 until the keys are usable (development keys wait for the loopback check).</summary>
public sealed class ApiKeysHealthCheck(ApiKeyTable keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys.Ready
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("development keys wait for the check that every bound address is loopback"));
}

using Ledger.Policy.Loading;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Silo.Health;

/// <summary>The policy catalogue is loaded and validated at start (a bad file stops the silo); ready once it holds policies.</summary>
public sealed class PoliciesLoadedCheck(PolicyCatalogue catalogue) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalogue.Policies.Count > 0
            ? HealthCheckResult.Healthy($"{catalogue.Policies.Count} policies: {string.Join(", ", catalogue.Policies.Select(policy => policy.Id))}")
            : HealthCheckResult.Unhealthy("no policy loaded"));
}

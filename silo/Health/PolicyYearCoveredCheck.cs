using System.Globalization;
using Ledger.Policy.Loading;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Silo.Health;

/// <summary>
/// Healthy while every policy in force today (China time, by the silo's clock) computes settlements of
/// today in each of its regions. A region whose policy lacks a value for the current year (a 上年
/// figure not yet in the file) has every settlement of that year refused (422); the check is then
/// <b>Degraded</b>, naming each policy, region and value (<see cref="PolicyCatalogue.Gaps"/>, the very
/// lookup that refuses the settlements), not Unhealthy: the other regions keep working, so the silo
/// stays ready (200). The year is today's: a new year's figures are published in its first months, so
/// from 1 January until they are rolled out this check is Degraded, which is true. Alert:
/// <c>LedgerPolicyYearFiguresMissing</c> (on <c>ledger_policy_regions_lacking_figures</c>); ASP.NET's
/// warning on each run is not written (<see cref="Logging.ReportedStates"/>).
/// </summary>
public sealed class PolicyYearCoveredCheck(PolicyCatalogue catalogue, TimeProvider clock) : IHealthCheck
{
    public const string Name = "policy-year";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.Today(clock);
        var gaps = catalogue.Gaps(today);
        var inForce = catalogue.Policies.Where(policy => policy.InForceOn(today)).Select(policy => policy.Id).Order(StringComparer.Ordinal).ToList();
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(
            gaps.Count > 0 ? HealthCheckResult.Degraded(
                $"settlements of {year} are refused (422) where a policy lacks the year's figures: {string.Join(" | ", gaps)}. "
                + "Add them to the policy file, check it with 'ledger policy check', roll it out (docs/operations.md#policy-figures-missing)")
            : inForce.Count > 0 ? HealthCheckResult.Healthy($"every region of the policies in force computes settlements of {year} ({string.Join(", ", inForce)})")
            : HealthCheckResult.Healthy($"no policy in force on {today:yyyy-MM-dd}"));
    }
}

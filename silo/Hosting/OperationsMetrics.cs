using System.Diagnostics.Metrics;
using Ledger.Grains;
using Ledger.Policy.Loading;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Silo.Hosting;

/// <summary>
/// What operators alert on besides the ledger's own counters and ASP.NET's request metrics (whose
/// status code counts whole requests answered 503), on meter <c>Ledger</c>:
/// <c>ledger.api.unavailable_lines</c> (lines of a batch answered "unavailable, resend", per <c>batch</c>:
/// settlements or persons; a batch whose every line is so answers 503 whole), <c>ledger.cluster.active_silos</c> (as this silo sees the cluster) and
/// <c>ledger.health.ready</c> (1 while a readiness check is healthy, per check in <c>check</c>; 0 while it
/// fails or is degraded, as check <c>projections</c> is while they trail beyond their bound and the silo stays ready),
/// and <c>ledger.policy.regions_lacking_figures</c> (per policy in force today, in <c>policy</c>: how many of its
/// region prefixes have their settlements of today refused for want of a value, a 上年 figure of the current
/// year; 0 when it computes everywhere, so the series exists before the first gap).
/// The line counter exists from start (at 0 for each batch), so a rate over it is defined before the first failure.
/// </summary>
public sealed class OperationsMetrics : IHealthCheckPublisher
{
    private readonly Counter<long> _unavailable;
    private readonly IServiceProvider _services;
    private volatile IReadOnlyDictionary<string, HealthStatus> _ready = new Dictionary<string, HealthStatus>();

    public OperationsMetrics(IMeterFactory meters, IServiceProvider services)
    {
        _services = services;
        var meter = meters.Create(LedgerMetrics.MeterName);
        _unavailable = meter.CreateCounter<long>("ledger.api.unavailable_lines", "{line}", "Batch lines answered unavailable (resend), per batch endpoint");
        foreach (var batch in (string[])[Http.UnavailableLines.Settlements, Http.UnavailableLines.Persons])
        {
            LinesUnavailable(batch, 0);
        }
        meter.CreateObservableGauge("ledger.cluster.active_silos", () => services.GetService<ISiloStatusOracle>()?.GetActiveSilos().Length ?? 0,
            "{silo}", "Silos active in the cluster, as this silo sees it");
        meter.CreateObservableGauge("ledger.health.ready", ReadyMeasurements, "{check}", "1 while the readiness check is healthy, 0 while it fails or is degraded");
        meter.CreateObservableGauge("ledger.policy.regions_lacking_figures", LackingMeasurements, "{region}",
            "Per policy in force today: region prefixes whose settlements of today are refused for want of a value (a 上年 figure of the current year)");
    }

    public void LinesUnavailable(string batch, int lines) => _unavailable.Add(lines, new KeyValuePair<string, object?>("batch", batch));

    /// <summary>Keeps the last readiness report (the host runs the ready checks every <see cref="Health.LedgerHealth.PublishPeriod"/>).</summary>
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        _ready = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status);
        return Task.CompletedTask;
    }

    /// <summary>Read at each collection, by the silo's clock, from the lookup that refuses the settlements (<see cref="PolicyCatalogue.Gaps"/>).</summary>
    private IEnumerable<Measurement<int>> LackingMeasurements()
    {
        if (_services.GetService<PolicyCatalogue>() is not { } catalogue)
        {
            return [];
        }
        var today = ChinaTime.Today(_services.GetService<TimeProvider>() ?? TimeProvider.System);
        var gaps = catalogue.Gaps(today);
        return catalogue.Policies.Where(policy => policy.InForceOn(today)).Select(policy => new Measurement<int>(
            gaps.Where(gap => gap.PolicyId == policy.Id).Sum(gap => gap.Regions.Count), new KeyValuePair<string, object?>("policy", policy.Id)));
    }

    private IEnumerable<Measurement<int>> ReadyMeasurements() =>
        _ready.Select(check => new Measurement<int>(check.Value == HealthStatus.Healthy ? 1 : 0, new KeyValuePair<string, object?>("check", check.Key)));
}

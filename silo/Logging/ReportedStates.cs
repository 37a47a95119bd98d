using Ledger.Silo.Health;

namespace Ledger.Silo.Logging;

/// <summary>
/// A degraded readiness check whose state lasts and has a report of its own is not written to the log:
/// check <c>policy-year</c> (a policy lacking the current year's figures, for weeks every year until the
/// statistical bulletin is out) is answered by <c>/health/ready</c>, counted by
/// <c>ledger_policy_regions_lacking_figures</c> and alerted on by <c>LedgerPolicyYearFiguresMissing</c>.
/// ASP.NET writes a Degraded result as a warning on every run of the check (each readiness probe, and
/// every 10 s for the metric): the log keeps its warnings for failures, and a rolling restart stays
/// free of them. The check failing (an error: it threw) is written as usual.
/// </summary>
public static class ReportedStates
{
    public static bool IsReported(string category, EventId eventId, LogLevel level, IReadOnlyList<KeyValuePair<string, object?>> values) =>
        level == LogLevel.Warning && category == PlannedTransitions.HealthChecks && eventId.Id == PlannedTransitions.HealthCheckEnd
        && values.Any(pair => pair.Key == "HealthCheckName" && pair.Value as string == PolicyYearCoveredCheck.Name);
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Silo.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (restart it if not). <c>/health/ready</c>: send it traffic —
/// it has joined the cluster, reaches its storage, has its policies loaded, is not draining, and every
/// other readiness check registered with <see cref="AddReadinessCheck{TCheck}"/> passes. A check may
/// answer Degraded instead (projections behind the journal, a policy lacking the current year's
/// figures): still 200, as ASP.NET maps it, with the check marked in the JSON. <c>/health</c> stays as it was: liveness.
/// </summary>
public static class LedgerHealth
{
    public const string ReadyTag = "ready";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>How long one readiness check may take before it counts as failed.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How often the readiness checks also run for the <c>ledger.health.ready</c> metric.</summary>
    public static readonly TimeSpan PublishPeriod = TimeSpan.FromSeconds(10);

    public static WebApplicationBuilder AddLedgerHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StorageReachableCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterJoinedCheck>("cluster", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<StorageReachableCheck>("storage", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<PoliciesLoadedCheck>("policies", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<PolicyYearCoveredCheck>(PolicyYearCoveredCheck.Name, tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<AcceptingCheck>("accepting", tags: [ReadyTag], timeout: CheckTimeout);
        builder.Services.AddSingleton<Hosting.OperationsMetrics>();
        builder.Services.AddSingleton<IHealthCheckPublisher>(provider => provider.GetRequiredService<Hosting.OperationsMetrics>());
        builder.Services.Configure<HealthCheckPublisherOptions>(publishing =>
        {
            publishing.Delay = TimeSpan.FromSeconds(2);
            publishing.Period = PublishPeriod;
            publishing.Predicate = check => check.Tags.Contains(ReadyTag);
        });
        return builder;
    }

    /// <summary>
    /// The hook for whatever else must hold before a silo takes traffic: a check registered here is
    /// part of <c>/health/ready</c>. The projections issue adds "projections caught up within a bound".
    /// </summary>
    public static IServiceCollection AddReadinessCheck<TCheck>(this IServiceCollection services, string name) where TCheck : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<TCheck>(name, tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    public static WebApplication MapLedgerHealth(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthAnswer.Write };
        app.MapHealthChecks("/health", live);
        app.MapHealthChecks(LivePath, live);
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthAnswer.Write });
        return app;
    }
}

using Ledger.Silo.Health;
using Npgsql;

namespace Ledger.Silo.Projections;

public sealed class ProjectionOptions
{
    public const string Section = "Ledger:Projections";

    /// <summary>How far behind the journal the projections may be before readiness is Degraded and the month-end reports answer 503.</summary>
    public int CaughtUpWithinSeconds { get; set; } = 60;
}

/// <summary>The read projections' wiring: the store of the mode, one projector per cluster, its readiness check.</summary>
public static class ProjectionServices
{
    public static IServiceCollection AddLedgerProjections(this IServiceCollection services, IConfiguration configuration, string? durableConnection)
    {
        services.Configure<ProjectionOptions>(configuration.GetSection(ProjectionOptions.Section));
        if (durableConnection is null)
        {
            services.AddSingleton<IProjectionStore, InMemoryProjectionStore>();
            services.AddSingleton<IProjectorLeadership, SoleLeadership>();
        }
        else
        {
            services.AddSingleton<IProjectionStore>(_ => new PostgresProjectionStore(NpgsqlDataSource.Create(durableConnection)));
            services.AddSingleton<IProjectorLeadership>(_ => new AdvisoryLockLeadership(durableConnection));
        }
        services.AddSingleton<Projector>();
        services.AddHostedService(provider => provider.GetRequiredService<Projector>());
        services.AddReadinessCheck<ProjectionsCaughtUpCheck>("projections");
        return services;
    }
}

using Orleans.Runtime.Hosting;
using Ledger.Grains.Events;
using Ledger.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Ledger.Silo.Hosting;

/// <summary>The PostgreSQL mode's Orleans and event-log wiring, shared by the host and its tests.</summary>
public static class LedgerPostgres
{
    /// <summary>
    /// ADO.NET clustering, the ledger's grain state (our group-committing storage), stream pub-sub
    /// state (ADO.NET) and reminders on PostgreSQL. The
    /// cluster's identity (<see cref="ClusterOptions"/>) is the caller's: the host names it, tests reuse theirs.
    /// </summary>
    public static ISiloBuilder UseLedgerPostgres(this ISiloBuilder silo, string connection)
    {
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = PostgresConnections.Invariant;
            clustering.ConnectionString = connection;
        });
        silo.Services.AddGrainStorage(LedgerSilo.StorageName, (services, _) =>
            ActivatorUtilities.CreateInstance<PostgresGrainStorage>(services, connection));
        silo.Services.AddAdoNetGrainStorage("PubSubStore", (OptionsBuilder<AdoNetGrainStorageOptions> storage) => PostgresConnections.ConfigureStorage(storage, connection));
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = PostgresConnections.Invariant;
            reminders.ConnectionString = connection;
        });
        return silo;
    }

    /// <summary>The region directory and the audit trail as tables (10-person-regions.sql, 11-audit.sql).</summary>
    public static IServiceCollection AddLedgerPostgresSecurity(this IServiceCollection services, string connection)
    {
        services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connection));
        services.AddSingleton<Security.Directory.IRegionDirectory, Security.Directory.PostgresRegionDirectory>();
        services.AddSingleton<Security.Audit.PostgresAuditTrail>();
        services.AddSingleton<Security.Audit.IAuditTrail>(provider => provider.GetRequiredService<Security.Audit.PostgresAuditTrail>());
        services.AddHostedService(provider => provider.GetRequiredService<Security.Audit.PostgresAuditTrail>());
        return services;
    }

    /// <summary>The event log as table <c>ledger_events</c>, written in batches by a hosted service.</summary>
    public static IServiceCollection AddLedgerPostgresEventLog(this IServiceCollection services, string connection)
    {
        services.AddSingleton(new PostgresEventLogOptions(connection));
        services.AddSingleton<PostgresEventLog>();
        services.AddSingleton<IEventLog>(provider => provider.GetRequiredService<PostgresEventLog>());
        services.AddHostedService(provider => provider.GetRequiredService<PostgresEventLog>());
        return services;
    }
}

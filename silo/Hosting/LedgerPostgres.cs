using Ledger.Grains.Events;
using Ledger.Silo.Storage;
using Orleans.Configuration;

namespace Ledger.Silo.Hosting;

/// <summary>The PostgreSQL mode's Orleans and event-log wiring, shared by the host and its tests.</summary>
public static class LedgerPostgres
{
    public const string ClusterId = "ledger";
    public const string ServiceId = "household-ledger";

    /// <summary>ADO.NET clustering, grain state (ledger and stream pub-sub) and reminders on PostgreSQL.</summary>
    public static ISiloBuilder UseLedgerPostgres(this ISiloBuilder silo, string connection)
    {
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = ClusterId;
            cluster.ServiceId = ServiceId;
        });
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = PostgresConnections.Invariant;
            clustering.ConnectionString = connection;
        });
        silo.AddAdoNetGrainStorage(LedgerSilo.StorageName, storage => PostgresConnections.ConfigureStorage(storage, connection));
        silo.AddAdoNetGrainStorage("PubSubStore", storage => PostgresConnections.ConfigureStorage(storage, connection));
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = PostgresConnections.Invariant;
            reminders.ConnectionString = connection;
        });
        return silo;
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

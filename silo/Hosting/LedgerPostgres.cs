using Ledger.Grains.Journal;
using Ledger.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Ledger.Silo.Hosting;

/// <summary>The PostgreSQL mode's Orleans and journal wiring, shared by the host and its tests.</summary>
public static class LedgerPostgres
{
    /// <summary>
    /// ADO.NET clustering and reminders, and the standard ADO.NET grain storage for what is off the
    /// acknowledgement path: household snapshots and stream subscriptions (<see cref="LedgerGrainsOnSilo.StorageNames"/>). The cluster's
    /// identity (<see cref="ClusterOptions"/>) is the caller's: the host names it, tests reuse theirs.
    /// </summary>
    public static ISiloBuilder UseLedgerPostgres(this ISiloBuilder silo, string connection)
    {
        silo.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = PostgresConnections.Invariant;
            clustering.ConnectionString = connection;
        });
        foreach (var storage in LedgerGrainsOnSilo.StorageNames)
        {
            silo.Services.AddAdoNetGrainStorage(storage, (OptionsBuilder<AdoNetGrainStorageOptions> options) => PostgresConnections.ConfigureStorage(options, connection));
        }
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = PostgresConnections.Invariant;
            reminders.ConnectionString = connection;
        });
        return silo;
    }

    /// <summary>The audit trail as a table (11-audit.sql).</summary>
    public static IServiceCollection AddLedgerPostgresAudit(this IServiceCollection services, string connection)
    {
        services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connection));
        services.AddSingleton<Security.Audit.PostgresAuditTrail>();
        services.AddSingleton<Security.Audit.IAuditTrail>(provider => provider.GetRequiredService<Security.Audit.PostgresAuditTrail>());
        services.AddHostedService(provider => provider.GetRequiredService<Security.Audit.PostgresAuditTrail>());
        return services;
    }

    /// <summary>
    /// The journal and the registrations as tables <c>ledger_journal</c> and <c>ledger_persons</c>, behind
    /// the start-up check that the schema is current; both take part in the silo's lifecycle.
    /// </summary>
    public static IServiceCollection AddLedgerPostgresJournal(this IServiceCollection services, string connection)
    {
        services.AddSingleton(new PostgresJournalOptions(connection));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, PostgresSchemaCheck>();
        services.AddSingleton<PostgresJournal>();
        services.AddSingleton<IJournal>(provider => provider.GetRequiredService<PostgresJournal>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<PostgresJournal>());
        return services;
    }
}

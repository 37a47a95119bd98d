using System.Reflection;
using Ledger.Contracts.Events;
using Ledger.Grains.Hosting;
using Ledger.Silo.Hosting;
using Ledger.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Ledger.Grains.Tests.Postgres;

/// <summary>Builds in-process clusters wired exactly as the PostgreSQL mode of the silo host.</summary>
internal static class DurableCluster
{
    /// <summary>
    /// The schema applied by the migration role, then silos that log in as the application role:
    /// everything the storage does must work with rows alone.
    /// </summary>
    public static async Task<InProcessTestCluster> Start(PostgresDatabase database, int silos = 1)
    {
        await database.ApplySchemaAsync();
        var connection = database.AppConnectionString;
        var clock = new Cluster.ShiftedClock(Cluster.ClusterFixture.Now);
        var builder = new InProcessTestClusterBuilder((short)silos);
        // The same identity on every start (state rows are keyed by service id) and real ADO.NET membership.
        builder.Options.ClusterId = new LedgerOptions().ClusterId;
        builder.Options.ServiceId = new LedgerOptions().ServiceId;
        // The switch is internal in 10.4; without it the test host's in-memory membership wins over ADO.NET.
        typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", BindingFlags.Instance | BindingFlags.NonPublic)!
            .SetValue(builder.Options, false);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseLedgerPostgres(connection);
            silo.AddMemoryStreams(EventStreams.ProviderName);
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.AddLedgerPostgresJournal(connection);
            silo.Services.AddLedgerGrainServices(LedgerGrainServices.DefaultPolicyFolder);
        });
        builder.ConfigureClient(client =>
        {
            client.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = PostgresConnections.Invariant;
                clustering.ConnectionString = connection;
            });
            client.AddMemoryStreams(EventStreams.ProviderName);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A person driven as the API drives it, reading registrations from the first silo's journal.</summary>
    public static Cluster.PersonUnderTest Person(InProcessTestCluster cluster, string psnNo) =>
        new(cluster.Client, cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<Journal.IJournal>(), psnNo);
}

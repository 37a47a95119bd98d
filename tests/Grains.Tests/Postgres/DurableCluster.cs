using Ledger.Contracts.Events;
using Ledger.Silo.Hosting;
using Ledger.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Ledger.Grains.Tests.Postgres;

/// <summary>
/// In-process clusters wired as the PostgreSQL mode of the silo host (<see cref="LedgerGrainsOnSilo.AddLedgerGrains"/>),
/// with real ADO.NET membership: the test cluster's in-memory membership is switched off.
/// </summary>
internal static class DurableCluster
{
    /// <summary>The configuration key the configurators read the database from.</summary>
    private const string ConnectionKey = "ConnectionStrings:Ledger";

    /// <summary>
    /// The schema applied by the migration role (unless <paramref name="applySchema"/> is false), then
    /// silos that log in as the application role: everything the storage does must work with rows alone.
    /// </summary>
    public static async Task<TestCluster> Start(PostgresDatabase database, int silos = 1, bool applySchema = true)
    {
        if (applySchema)
        {
            await database.ApplySchemaAsync();
        }
        var builder = new TestClusterBuilder((short)silos);
        // The same identity on every start (state rows are keyed by service id) and real ADO.NET membership.
        builder.Options.ClusterId = new LedgerOptions().ClusterId;
        builder.Options.ServiceId = new LedgerOptions().ServiceId;
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[ConnectionKey] = database.AppConnectionString;
        builder.AddSiloBuilderConfigurator<PostgresSilo>();
        builder.AddClientBuilderConfigurator<PostgresClient>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A person driven as the API drives it, reading registrations from the first silo's journal.</summary>
    public static Cluster.PersonUnderTest Person(TestCluster cluster, string psnNo) =>
        new(cluster.Client, cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<Journal.IJournal>(), psnNo);

    public sealed class PostgresSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Services.AddSingleton<TimeProvider>(new ShiftedClock(Cluster.ClusterFixture.Now));
            silo.AddLedgerGrains(silo.Configuration[ConnectionKey], new LedgerOptions());
        }
    }

    public sealed class PostgresClient : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client)
        {
            client.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = PostgresConnections.Invariant;
                clustering.ConnectionString = configuration[ConnectionKey];
            });
            client.AddMemoryStreams(EventStreams.ProviderName);
        }
    }
}

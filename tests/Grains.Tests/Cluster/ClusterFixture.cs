using Ledger.Contracts.Events;
using Ledger.Grains.Journal;
using Ledger.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// One in-process cluster per test collection: memory storage and streams, the shipped policies, and
/// a fake clock set inside 2022, and a journal
/// a test can take down.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2022, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public FakeTimeProvider Time { get; } = new(Now);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(Households.HouseholdGrain.SnapshotStorage);
            silo.AddMemoryGrainStorage("ledger");
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryStreams(EventStreams.ProviderName, streams => streams.ConfigurePullingAgent(agent =>
                agent.Configure(pulling => pulling.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10))));
            silo.Services.AddSingleton(new LedgerClock(Time));
            silo.Services.AddSingleton<OutageJournal>();
            silo.Services.AddSingleton<IJournal>(provider => provider.GetRequiredService<OutageJournal>());
            silo.Services.AddLedgerGrainServices(LedgerGrainServices.DefaultPolicyFolder);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(EventStreams.ProviderName));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    public T SiloService<T>() where T : notnull => SiloServices.GetRequiredService<T>();

    public OutageJournal Journal => SiloService<OutageJournal>();

    public PersonUnderTest Person(string psnNo) => new(Grains, Journal, psnNo);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

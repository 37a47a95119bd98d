using Ledger.Contracts.Events;
using Ledger.Grains.Households;
using Ledger.Grains.Journal;
using Ledger.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// One in-process cluster per test collection: memory storage and streams, the shipped policies, and
/// the silo's clock started inside 2022 (so 2022 is "this year"), a journal a test can take down and a
/// silo that can leave before it answers.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2022, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public TimeProvider Time { get; } = new ShiftedClock(Now);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(Time);
            silo.Services.AddSingleton<OutageJournal>();
            silo.Services.AddSingleton<IJournal>(provider => provider.GetRequiredService<OutageJournal>());
            silo.Services.AddSingleton<LeavingSilo>();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(provider => provider.GetRequiredService<LeavingSilo>());
            // The embedded mode exactly as the silo host wires it (the clock and the journal above win).
            silo.AddLedgerGrains(connection: null, new LedgerOptions());
            // Household snapshots through a store a test can stall (registered after the embedded one, so it wins).
            silo.Services.AddSingleton(provider => new HeldSnapshots(new InProcessGrainStorage(
                new OrleansGrainStorageSerializer(provider.GetRequiredService<Orleans.Serialization.Serializer>()),
                provider.GetRequiredService<Orleans.Serialization.Serializers.IActivatorProvider>())));
            silo.Services.AddKeyedSingleton<IGrainStorage>(HouseholdGrain.SnapshotStorage, (provider, _) => provider.GetRequiredService<HeldSnapshots>());
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(EventStreams.ProviderName));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    public T SiloService<T>() where T : notnull => SiloServices.GetRequiredService<T>();

    public OutageJournal Journal => SiloService<OutageJournal>();

    public LeavingSilo LeavingSilo => SiloService<LeavingSilo>();

    public HeldSnapshots Snapshots => SiloService<HeldSnapshots>();

    public PersonUnderTest Person(string psnNo) => new(Grains, Journal, psnNo);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

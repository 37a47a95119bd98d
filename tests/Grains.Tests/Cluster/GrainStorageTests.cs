using Ledger.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>The embedded mode registers the grain storages the grains read, and no other.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainStorageTests(ClusterFixture fixture)
{
    [Fact]
    public void Snapshots_and_stream_subscriptions_have_a_storage_and_no_unread_storage_is_registered()
    {
        Assert.Equal(["snapshots", "PubSubStore"], LedgerGrainsOnSilo.StorageNames);
        Assert.All(LedgerGrainsOnSilo.StorageNames, name => Assert.NotNull(fixture.SiloServices.GetKeyedService<IGrainStorage>(name)));
        // "ledger" was registered in both modes for region grains that no longer exist; nothing read it.
        Assert.Null(fixture.SiloServices.GetKeyedService<IGrainStorage>("ledger"));
    }
}

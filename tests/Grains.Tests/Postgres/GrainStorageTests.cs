using Ledger.Grains.Tests.Cluster;
using Ledger.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ledger.Grains.Tests.Postgres;

/// <summary>
/// The PostgreSQL mode keeps household snapshots and stream subscriptions in the standard ADO.NET grain
/// storage (table orleansstorage), and registers no storage nothing reads.
/// </summary>
public sealed class GrainStorageTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_households_snapshot_is_written_to_the_ADO_NET_grain_storage_and_no_unread_storage_is_registered()
    {
        await using (var cluster = await DurableCluster.Start(_database))
        {
            var services = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress);
            Assert.All(LedgerGrainsOnSilo.StorageNames, name => Assert.IsType<AdoNetGrainStorage>(services.GetKeyedService<IGrainStorage>(name)));
            Assert.Null(services.GetKeyedService<IGrainStorage>("ledger"));

            var psnNo = Build.Id("P");
            var person = DurableCluster.Person(cluster, psnNo);
            Assert.Null((await person.Register(Build.Person(Build.Id("H"), "350102", identities: "dibao"))).Error);
            Assert.Equal(Contracts.Settlements.SettlementStatus.Recorded, (await person.Settle(Build.Inpatient(psnNo, 12_000m, 10_000m))).Status);
        }

        // The silo's stop deactivated the household, which stored its snapshot (one settlement since none).
        Assert.Equal(1L, await _database.Scalar<long>("SELECT count(*) FROM orleansstorage WHERE graintypestring = 'household'"));
    }
}

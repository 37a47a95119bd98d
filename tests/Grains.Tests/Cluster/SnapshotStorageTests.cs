using Ledger.Contracts.Households;
using Ledger.Grains.Households;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// The embedded mode's snapshot store reads back what a household wrote: with Orleans' default JSON
/// serializer it could not (a CLR type name in the JSON it could not resolve), so a household that
/// deactivated after writing one answered errors from then on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SnapshotStorageTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_household_snapshot_written_on_a_move_reads_back_with_its_members_years()
    {
        var (left, joined) = (Build.Id("H"), Build.Id("H"));
        var (a, b) = (Build.Id("P"), Build.Id("P"));
        Assert.Null((await fixture.Person(a).Register(Build.Person(left, "330702", identities: "dibao"))).Error);
        Assert.Null((await fixture.Person(b).Register(Build.Person(left, "330702", identities: "dibao"))).Error);
        await fixture.Person(a).Settle(Build.Inpatient(a, 28_000m, 0m));
        await fixture.Person(b).Settle(Build.Inpatient(b, 28_000m, 0m));
        // The move writes the snapshot of the household left (and of the one joined).
        Assert.Null((await fixture.Person(a).Register(Build.Person(joined, "330702", identities: "dibao"))).Error);

        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(HouseholdGrain.SnapshotStorage);
        var state = new GrainState<HouseholdSnapshot>();
        await storage.ReadStateAsync("household", fixture.Grains.GetGrain<IHouseholdGrain>(left).GetGrainId(), state);

        Assert.True(state.RecordExists, "the household left should have a snapshot");
        var snapshot = state.State!;
        Assert.Equal("330702", snapshot.RegionCode);
        Assert.Equal([b], snapshot.Members.Select(member => member.PsnNo));
        Assert.True(snapshot.Position > 0);
    }
}

using Ledger.Contracts.Households;
using Ledger.Grains.Households;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Metadata;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>The household protocol every silo runs, read from the manifests Orleans keeps of each silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterUpgradeTests(ClusterFixture fixture)
{
    [Fact]
    public void A_cluster_of_this_release_is_not_upgrading_and_rolls_go_straight_to_the_journal()
    {
        var upgrade = fixture.SiloService<ClusterUpgrade>();

        Assert.False(upgrade.InProgress);
        Assert.False(upgrade.RollGoesThroughGrains(persons: 10_000));
    }

    [Theory]
    [InlineData("0")]
    [InlineData(null)]
    public void A_silo_of_an_earlier_household_protocol_holds_rolls_to_the_grains(string? olderVersion)
    {
        var upgrade = new ClusterUpgrade(new ManifestWithAnotherSilo(fixture.SiloService<IClusterManifestProvider>(), Households, olderVersion),
            Resolver, NullLogger<ClusterUpgrade>.Instance);

        Assert.True(upgrade.InProgress);
        Assert.True(upgrade.RollGoesThroughGrains(persons: 10_000));
    }

    [Fact]
    public void A_silo_of_this_household_protocol_joining_is_no_upgrade()
    {
        var upgrade = new ClusterUpgrade(new ManifestWithAnotherSilo(fixture.SiloService<IClusterManifestProvider>(), Households, $"{HouseholdProtocol.Version}"),
            Resolver, NullLogger<ClusterUpgrade>.Instance);

        Assert.False(upgrade.InProgress);
    }

    private GrainInterfaceTypeResolver Resolver => fixture.SiloService<GrainInterfaceTypeResolver>();

    private GrainInterfaceType Households => Resolver.GetGrainInterfaceType(typeof(IHouseholdGrain));
}

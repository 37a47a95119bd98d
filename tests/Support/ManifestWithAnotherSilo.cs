using System.Collections.Immutable;
using System.Net;
using Orleans.Metadata;
using Orleans.Runtime;

namespace Ledger.Tests.Support;

/// <summary>
/// A cluster's real manifest with one more silo in it, a copy of the local one except that the grain
/// interface named carries the version given (null: no version attribute, as releases before it had):
/// a rolling upgrade, as the silos under test see it.
/// </summary>
public sealed class ManifestWithAnotherSilo(IClusterManifestProvider real, GrainInterfaceType grainInterface, string? version) : IClusterManifestProvider
{
    public ClusterManifest Current
    {
        get
        {
            var local = real.LocalGrainManifest;
            var properties = local.Interfaces[grainInterface].Properties.Remove(WellKnownGrainInterfaceProperties.Version);
            if (version is not null)
            {
                properties = properties.Add(WellKnownGrainInterfaceProperties.Version, version);
            }
            var other = new GrainManifest(local.Grains, local.Interfaces.SetItem(grainInterface, new GrainInterfaceProperties(properties)));
            return new ClusterManifest(real.Current.Version, real.Current.Silos.Add(SiloAddress.New(IPAddress.Loopback, 11_999, 1), other));
        }
    }

    public IAsyncEnumerable<ClusterManifest> Updates => real.Updates;

    public GrainManifest LocalGrainManifest => real.LocalGrainManifest;
}

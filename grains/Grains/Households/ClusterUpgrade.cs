using Ledger.Contracts.Households;
using Microsoft.Extensions.Logging;
using Orleans.Metadata;
using Orleans.Runtime;

namespace Ledger.Grains.Households;

/// <summary>
/// Whether a rolling upgrade is under way: a silo in the cluster still runs an earlier
/// <see cref="HouseholdProtocol"/>, read from the manifests Orleans keeps of every silo. Such a silo's
/// household grains neither claim their household nor append behind a fence, so a roll must not write
/// a household straight to the journal while one runs: that silo may hold the household awake and
/// would never see the members written past it.
/// </summary>
public sealed partial class ClusterUpgrade(IClusterManifestProvider manifests, GrainInterfaceTypeResolver interfaces, ILogger<ClusterUpgrade> logger)
{
    private readonly GrainInterfaceType _households = interfaces.GetGrainInterfaceType(typeof(IHouseholdGrain));

    public bool InProgress => manifests.Current.Silos.Values.Any(silo =>
        silo.Interfaces.TryGetValue(_households, out var household) && VersionOf(household) < HouseholdProtocol.Version);

    /// <summary>Whether a roll of <paramref name="persons"/> must go through household grains (said in the log when so).</summary>
    public bool RollGoesThroughGrains(int persons)
    {
        if (!InProgress)
        {
            return false;
        }
        RollThroughGrains(logger, persons, HouseholdProtocol.Version);
        return true;
    }

    /// <summary>An interface without a version attribute is version 0, as Orleans reads it.</summary>
    private static ushort VersionOf(GrainInterfaceProperties household) =>
        household.Properties.TryGetValue(WellKnownGrainInterfaceProperties.Version, out var text) && ushort.TryParse(text, out var version) ? version : (ushort)0;

    [LoggerMessage(Level = LogLevel.Information, Message = "A roll of {Persons} persons goes through household grains: a silo older than household protocol {Version} still runs (a rolling upgrade)")]
    private static partial void RollThroughGrains(ILogger logger, int persons, ushort version);
}

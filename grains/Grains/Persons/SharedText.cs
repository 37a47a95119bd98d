using System.Collections.Concurrent;
using Ledger.Contracts.Persons;
using Ledger.Policy.Domain;

namespace Ledger.Grains.Persons;

/// <summary>
/// A validated profile with its vocabulary (region, residence, insurance type, identity codes) as one
/// shared string each instead of a copy per person from the request body: every active member's
/// snapshot holds them, so a member's memory must not grow with the text of its vocabulary.
/// </summary>
public static class SharedText
{
    public static PersonProfile Of(PersonProfile profile) => profile with
    {
        // Six digits, validated: a bounded vocabulary (China has about 3 000 county-level regions).
        RegionCode = Region(profile.RegionCode),
        Residence = profile.Residence == "urban" ? "urban" : "rural",
        Insutype = profile.Insutype == "employee" ? "employee" : "resident",
        Identities = profile.Identities.Select(identity =>
            IdentityCodes.TryParse(identity.Type, out var parsed) ? identity with { Type = IdentityCodes.ToCode(parsed) } : identity).ToList(),
    };

    /// <summary>
    /// One string per region code, from a pool of this process's own: <see cref="string.Intern"/> would
    /// do the same behind a process-wide lock, which a roll of ten thousand registrations contends on.
    /// </summary>
    public static string Region(string regionCode) => Regions.GetOrAdd(regionCode, regionCode);

    private static readonly ConcurrentDictionary<string, string> Regions = new(StringComparer.Ordinal);
}

using Ledger.Contracts.Persons;
using Ledger.Grains.Privacy;
using Ledger.Policy.Domain;
using Ledger.Policy.Households;

namespace Ledger.Grains.Persons;

/// <summary>Registrations: from what a feed sends to what is stored, and to what the ledger computes with.</summary>
public static class PersonRecords
{
    /// <summary>
    /// The record a validated profile is stored as: personal data masked (the API has protected it, the
    /// keyed hashes beside the masks; masking again changes nothing and keeps clear text out whoever
    /// calls), and the vocabulary (region, residence, insurance type, identity codes) as shared strings.
    /// </summary>
    public static PersonRecord Of(string psnNo, string householdId, PersonProfile profile)
    {
        var shared = SharedText.Of(profile);
        return new PersonRecord
        {
            PsnNo = psnNo, HouseholdId = householdId, RegionCode = shared.RegionCode, Residence = shared.Residence,
            Insutype = shared.Insutype, Identities = shared.Identities,
            PsnNameMasked = Masking.Name(profile.PsnName), CertnoMasked = Masking.Certno(profile.Certno),
            PsnNameHash = profile.PsnNameHash, CertnoHash = profile.CertnoHash,
        };
    }

    /// <summary>A person with no known household is a household of one (<see cref="PersonRegistration.HouseholdOf"/>).</summary>
    public static string HouseholdOf(string psnNo, PersonProfile profile) => PersonRegistration.HouseholdOf(psnNo, profile.HouseholdId);

    /// <summary>
    /// What the ledger computes with. The region code is shared (<see cref="SharedText"/>) here too: a
    /// record read back from the journal carries its own copy, and every active member keeps its profile.
    /// </summary>
    public static MemberProfile Profile(PersonRecord person) => new(
        person.PsnNo, SharedText.Region(person.RegionCode), person.Residence == "urban" ? Residence.Urban : Residence.Rural,
        [.. person.Identities.Select(identity => IdentityCodes.TryParse(identity.Type, out var parsed)
            ? new IdentityPeriod(parsed, identity.Begin, identity.End) : throw new InvalidOperationException("stored identity not validated"))]);
}

using System.Text.Json.Serialization;

namespace Ledger.Contracts.Persons;

/// <summary>One identity with its validity (inclusive dates; End null = still valid).</summary>
[GenerateSerializer, Immutable, Alias("ledger.identity")]
public sealed record IdentityRecord(
    [property: Id(0)] string Type,
    [property: Id(1)] DateOnly Begin,
    [property: Id(2)] DateOnly? End);

/// <summary>
/// What the identity feeds register for a person (PUT /api/persons/{psn_no}). Not sealed for one
/// reader: a line of a roll (POST /api/persons, Ledger.Silo.Wire.PersonLine) is this body plus its
/// psn_no, so a roll takes exactly these fields with these defaults. Grains are given <see cref="Alone"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.person-profile")]
public record PersonProfile
{
    [Id(0)] public string RegionCode { get; init; } = "";
    [Id(1)] public string HouseholdId { get; init; } = "";
    [Id(2)] public string Residence { get; init; } = "rural";
    [Id(3)] public string Insutype { get; init; } = "resident";
    [Id(4)] public IReadOnlyList<IdentityRecord> Identities { get; init; } = [];

    /// <summary>
    /// Personal data: the feed sends it in clear; the silo replaces it with its mask before anything
    /// is stored (Ledger.Grains.Privacy.PersonalDataProtector), keeping the keyed hash beside it.
    /// </summary>
    [Id(5)] public string? PsnName { get; init; }

    [Id(6)] public string? Certno { get; init; }

    /// <summary>HMAC of the name (<c>{key id}:{base64url}</c>); never on the wire.</summary>
    [Id(7), JsonIgnore] public string? PsnNameHash { get; init; }

    /// <summary>HMAC of the ID-card number; never on the wire.</summary>
    [Id(8), JsonIgnore] public string? CertnoHash { get; init; }

    /// <summary>The profile without what a record derived from it adds (a roll line's psn_no): this very record when it is one.</summary>
    public PersonProfile Alone() => GetType() == typeof(PersonProfile) ? this : new PersonProfile(this);
}

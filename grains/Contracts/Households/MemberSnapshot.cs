using Ledger.Contracts.Persons;

namespace Ledger.Contracts.Households;

/// <summary>
/// What the household needs to know of a member: pushed by the person grain on every profile change
/// and with every settlement, so the household never calls back into the person.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.member-snapshot")]
public sealed record MemberSnapshot(
    [property: Id(0)] string PsnNo,
    [property: Id(1)] string RegionCode,
    [property: Id(2)] string Residence,
    [property: Id(3)] IReadOnlyList<IdentityRecord> Identities);

namespace Ledger.Contracts.Persons;

/// <summary>One identity with its validity (inclusive dates; End null = still valid).</summary>
[GenerateSerializer, Immutable, Alias("ledger.identity")]
public sealed record IdentityRecord(
    [property: Id(0)] string Type,
    [property: Id(1)] DateOnly Begin,
    [property: Id(2)] DateOnly? End);

/// <summary>What the identity feeds register for a person (PUT /api/persons/{psn_no}).</summary>
[GenerateSerializer, Immutable, Alias("ledger.person-profile")]
public sealed record PersonProfile
{
    [Id(0)] public string RegionCode { get; init; } = "";
    [Id(1)] public string HouseholdId { get; init; } = "";
    [Id(2)] public string Residence { get; init; } = "rural";
    [Id(3)] public string Insutype { get; init; } = "resident";
    [Id(4)] public IReadOnlyList<IdentityRecord> Identities { get; init; } = [];

    /// <summary>Personal data: stored to serve the person's own office, masked in every answer, never logged.</summary>
    [Id(5)] public string? PsnName { get; init; }

    [Id(6)] public string? Certno { get; init; }
}

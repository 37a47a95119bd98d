using Ledger.Contracts.Persons;

namespace Ledger.Silo.Wire;

/// <summary>One line of a bulk registration: the PUT body plus the person's number.</summary>
public sealed record PersonLine
{
    [System.Text.Json.Serialization.JsonRequired] public string PsnNo { get; init; } = "";
    public string RegionCode { get; init; } = "";
    public string HouseholdId { get; init; } = "";
    public string Residence { get; init; } = "rural";
    public string Insutype { get; init; } = "resident";
    public IReadOnlyList<IdentityRecord> Identities { get; init; } = [];
    public string? PsnName { get; init; }
    public string? Certno { get; init; }

    public PersonProfile Profile => new()
    {
        RegionCode = RegionCode, HouseholdId = HouseholdId, Residence = Residence, Insutype = Insutype,
        Identities = Identities, PsnName = PsnName, Certno = Certno,
    };
}

using System.Text.Json.Serialization;

namespace Ledger.Client.Wire;

/// <summary>One identity with its validity (inclusive dates; End null = still valid).</summary>
public sealed record IdentityLine(string Type, DateOnly Begin, DateOnly? End);

/// <summary>
/// One line of a persons file: the body of <c>PUT /api/persons/{psn_no}</c> plus the <c>psn_no</c>
/// that goes into the path. Name and ID-card number are optional personal data.
/// </summary>
public sealed record PersonLine(
    string PsnNo,
    string RegionCode,
    string HouseholdId,
    string Residence,
    string Insutype,
    IReadOnlyList<IdentityLine> Identities,
    string? PsnName = null,
    string? Certno = null)
{
    /// <summary>
    /// Read as the silo reads a registration: a field left out has the profile's default (no household:
    /// a household of one; rural; resident; no identities), a field sent as null stays null and is refused.
    /// </summary>
    [JsonConstructor]
    public PersonLine() : this("", "", "", "rural", "resident", [])
    {
    }
}

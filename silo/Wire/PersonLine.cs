using Ledger.Contracts.Persons;

namespace Ledger.Silo.Wire;

/// <summary>
/// One line of a bulk registration: the PUT body plus the person's number. The body's fields and their
/// defaults are <see cref="PersonProfile"/>'s own, so a field the profile gains is taken by a roll as by a PUT.
/// The registration without the psn_no, as a PUT body reads, is <see cref="PersonProfile.Alone"/>.
/// </summary>
public sealed record PersonLine : PersonProfile
{
    [System.Text.Json.Serialization.JsonRequired] public string PsnNo { get; init; } = "";
}

namespace Ledger.Contracts.Persons;

/// <summary>
/// A person as registered: the household it belongs to now, and the profile the ledger computes with.
/// Written by that household (with its journal entries, in one transaction); personal data only in
/// masked form.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.person-record")]
public sealed record PersonRecord
{
    [Id(0)] public string PsnNo { get; init; } = "";
    [Id(1)] public string HouseholdId { get; init; } = "";
    [Id(2)] public string RegionCode { get; init; } = "";
    [Id(3)] public string Residence { get; init; } = "rural";
    [Id(4)] public string Insutype { get; init; } = "resident";
    [Id(5)] public IReadOnlyList<IdentityRecord> Identities { get; init; } = [];

    /// <summary>The name as answers show it (family name kept), never the name itself.</summary>
    [Id(6)] public string? PsnNameMasked { get; init; }

    /// <summary>The ID-card number as answers show it (region and last four digits), never the number itself.</summary>
    [Id(7)] public string? CertnoMasked { get; init; }

    /// <summary>The keyed hash of the name (<c>{key id}:{base64url}</c>): found again without keeping it.</summary>
    [Id(8)] public string? PsnNameHash { get; init; }

    /// <summary>The keyed hash of the ID-card number.</summary>
    [Id(9)] public string? CertnoHash { get; init; }
}

/// <summary>How one registration ended (a line of a bulk registration).</summary>
public static class RegistrationStatus
{
    public const string Registered = "registered";
    public const string Unchanged = "unchanged";
    public const string Rejected = "rejected";

    /// <summary>Not answered: the person is registered in another household; the person grain moves it.</summary>
    public const string Elsewhere = "elsewhere";
}

[GenerateSerializer, Immutable, Alias("ledger.registration-outcome")]
public sealed record RegistrationOutcome(
    [property: Id(0)] string PsnNo,
    [property: Id(1)] string Status,
    [property: Id(2)] Settlements.Rejection? Error,
    [property: Id(3)] IReadOnlyList<Settlements.AdjustmentView> Adjustments)
{
    public static RegistrationOutcome Rejected(string psnNo, Settlements.Rejection error) => new(psnNo, RegistrationStatus.Rejected, error, []);

    /// <summary>
    /// Inside the cluster only (never answered): the other households that journaled settlements of an
    /// unchanged member in its open years, which it has left. The caller asks each to re-adjudicate
    /// without it (idempotent: nothing is journaled when that departure is done already).
    /// </summary>
    [Id(4)] public IReadOnlyList<string> HouseholdsLeft { get; init; } = [];
}

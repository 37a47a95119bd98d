using Ledger.Client.Wire;

namespace Ledger.Client.WhatIf.Input;

/// <summary>
/// One journal entry as <c>GET /api/journal</c> serves it (the lead's journal-wire format), with the
/// members a replay reads; the split, the events and the rest are ignored. Times are kept as text and
/// read as the API reads times (China time when no offset is given). An <c>identity_changed</c> entry
/// carries the member's dated identities after the change (<see cref="IdentityPeriods"/>; null when the
/// ledger journaled it before it kept them) and its <see cref="SetlTime"/> is the day it counts from.
/// </summary>
public sealed record JournalLine(
    long Position,
    string Kind,
    string? SetlId,
    string PsnNo,
    string HouseholdId,
    string RegionCode,
    int Year,
    string SetlTime,
    JournalClaim? Claim,
    IReadOnlyList<string>? Identities,
    string? Residence,
    IReadOnlyList<IdentityLine>? IdentityPeriods = null);

/// <summary>The settlement's claim as sent, on a <c>recorded</c> entry, with the members the journal adds to it.</summary>
public sealed record JournalClaim : ClaimFields
{
    public decimal? OthPay { get; init; }

    public string? ReflSetlFlag { get; init; }

    public string? MdtrtareaAdmvs { get; init; }
}

using Ledger.Contracts.Events;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Grains.Journal;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Silo.Wire;

/// <summary>
/// A journal entry on the wire (history pages and the journal export): what happened, when the money
/// moved and when the ledger learned it, the settlement as sent (recorded entries), the member's
/// identities the split was computed with, the signed change per payer and the events it raised. An
/// <c>identity_changed</c> entry also carries the member's dated identities after the change
/// (<c>identity_periods</c>, as registered): its <c>identities</c> are only those of the day it counts
/// from, and a what-if replay needs every date's. Null on other entries and on identity changes
/// journaled before the ledger kept them. A <c>member_moved</c> entry (journal export only: it moves no
/// money, so no history page lists it) says the person moved into <c>household_id</c>: its settlements of
/// <c>year</c> and later count there from that entry on (its <c>setl_time</c> is 1 January of that year). A
/// <c>member_left</c> entry (journal export only too) says <c>household_id</c>, which the person left, journaled its
/// departure (re-adjudicated its years without the person, or found nothing to change) at <c>setl_time</c>.
/// </summary>
public sealed record JournalEntryView(
    long Position, string Kind, string? SetlId, string PsnNo, string HouseholdId, string RegionCode, int Year,
    DateTimeOffset SetlTime, DateTimeOffset LoggedAt, string? PolicyId, ClaimView? Claim, IReadOnlyList<string> Identities,
    string Residence, TotalsView Change, string? Cause, string? CauseId, IReadOnlyList<LedgerEvent> Events,
    IReadOnlyList<IdentityRecord>? IdentityPeriods)
{
    public static JournalEntryView Of(JournalEntry entry) => new(
        entry.Position, KindOf(entry.Kind), entry.IsSettlement ? entry.SetlId : null, entry.PsnNo, entry.HouseholdId, entry.RegionCode,
        entry.Year, entry.SetlTime, entry.LoggedAt, entry.PolicyId.Length > 0 ? entry.PolicyId : null,
        entry.Kind == EntryKind.Recorded ? ClaimView.Of(entry.Claim) : null, IdentityCodes.ToCodes(entry.Context.Identities),
        entry.Context.Residence == Policy.Domain.Residence.Urban ? "urban" : "rural", WireAmounts.Totals(entry.Change.Totals),
        EntryEvents.CauseCode(entry.Cause), entry.Kind == EntryKind.Adjusted ? entry.CauseId : null, EntryEvents.Of(entry),
        entry is { Kind: EntryKind.IdentityChanged, IdentityPeriods: { } periods }
            ? [.. periods.Select(period => new IdentityRecord(IdentityCodes.ToCode(period.Identity), period.Begin, period.End))]
            : null);

    public static string KindOf(EntryKind kind) => kind switch
    {
        EntryKind.Recorded => "recorded",
        EntryKind.Reversed => "reversed",
        EntryKind.Adjusted => "adjusted",
        EntryKind.Moved => "member_moved",
        EntryKind.Departed => "member_left",
        _ => "identity_changed",
    };
}

using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Policy.Households;

/// <summary>The kinds of journal entry. Stored as numbers: never renumber.</summary>
public enum EntryKind : byte
{
    Recorded = 0,
    Reversed = 1,
    Adjusted = 2,
    IdentityChanged = 3,

    /// <summary>
    /// A member moved into the household that wrote it (the mover's <see cref="JournalEntry.PsnNo"/>): from this
    /// entry on, the mover's settlements of <see cref="JournalEntry.Year"/> and later count in that household, as
    /// its ledger counts them. Journaled with every move, in the append that moves the registration, before the
    /// adjustments the move causes there. It moves no money.
    /// </summary>
    Moved = 4,

    /// <summary>
    /// The household that wrote it journaled its departure of a member (the re-adjudication of its years without
    /// it, in the same append, or nothing left to change): a resend of the member's registration needs not ask it
    /// again until the member joins it once more. It moves no money.
    /// </summary>
    Departed = 5,
}

/// <summary>What made a re-adjudication change an earlier settlement's split.</summary>
public enum AdjustmentCause : byte
{
    None = 0,
    Reversal = 1,
    LateSettlement = 2,
    IdentityChange = 3,

    /// <summary>A member joined or left the household with settlements of the year (caused by its psn_no).</summary>
    MemberMoved = 4,
}

/// <summary>
/// One entry of the journal, the ledger's truth. Entries are never edited: a reversal and an
/// adjustment are entries of their own, and a year's totals are the sum of its entries'
/// <see cref="Change"/>. <see cref="Position"/> is given by the journal when the entry is committed
/// (zero before).
/// </summary>
public sealed record JournalEntry
{
    public long Position { get; init; }

    public EntryKind Kind { get; init; }

    /// <summary>The settlement recorded, reversed or adjusted; empty for an identity change, a move and a departure.</summary>
    public string SetlId { get; init; } = "";

    public string PsnNo { get; init; } = "";

    /// <summary>The household that wrote the entry (the person's household at that time; for a move, the household joined; for a departure, the household left).</summary>
    public string HouseholdId { get; init; } = "";

    public string RegionCode { get; init; } = "";

    public int Year { get; init; }

    /// <summary>
    /// When the money moved: the settlement's time for recorded, reversed and adjusted entries (so they
    /// sort with it), the first day the change counts from for an identity change (its <see cref="Year"/> is that day's) and
    /// for a move (1 January of the oldest year the household joined keeps open: the mover's settlements from then on count there);
    /// when it was journaled for a departure.
    /// </summary>
    public DateTimeOffset SetlTime { get; init; }

    /// <summary>When the ledger learned it.</summary>
    public DateTimeOffset LoggedAt { get; init; }

    /// <summary>The policy that computed the split (recorded and adjusted entries).</summary>
    public string PolicyId { get; init; } = "";

    /// <summary>The settlement as sent (recorded entries only): what a re-adjudication recomputes.</summary>
    public Claim Claim { get; init; }

    /// <summary>The member's identities and residence used (recorded and adjusted); after the change for an identity change.</summary>
    public MemberContext Context { get; init; }

    /// <summary>
    /// The member's dated identities after the change (identity changes only): what a month-end report reads
    /// a past month's identities from. Null on entries journaled before it was recorded.
    /// </summary>
    public IReadOnlyList<IdentityPeriod>? IdentityPeriods { get; init; }

    public YearChange Change { get; init; }

    /// <summary>Which burden cap bound the recorded split.</summary>
    public CapBinding CapBinding { get; init; }

    public AdjustmentCause Cause { get; init; }

    /// <summary>The setl_id (reversal, late settlement) or psn_no (identity change, move) that caused an adjustment.</summary>
    public string CauseId { get; init; } = "";

    /// <summary>
    /// Adjusted entries: the part of the settlement's reported <c>oth_pay</c> its new split could not book,
    /// because the re-adjudicated tiers before it left less (it stands at what was left). Zero otherwise:
    /// a new settlement with such a part is refused.
    /// </summary>
    public decimal OtherPaidUnbooked { get; init; }

    /// <summary>The threshold levels that changed and the caps that bound with this entry, in order.</summary>
    public IReadOnlyList<EntryEvent> Events { get; init; } = [];

    public SettlementKey Key => new(SetlTime, SetlId);

    public bool IsSettlement => Kind is EntryKind.Recorded or EntryKind.Reversed or EntryKind.Adjusted;
}

public enum EntryEventKind : byte
{
    Warning = 0,
    Crossed = 1,
    Cleared = 2,
    CapApplied = 3,
}

/// <summary>
/// A threshold level that fired or cleared, or a cap that bound: on the person named by
/// <see cref="SubjectId"/> or, for household rules, on the household. <see cref="At"/> is the settlement
/// at which it happened in settlement-time order (after a re-adjudication, not necessarily the entry's).
/// </summary>
public readonly record struct EntryEvent(
    EntryEventKind Kind, Rule Rule, Level Level, bool HouseholdSubject, string SubjectId, decimal Value, decimal Threshold, SettlementKey At)
{
    public static EntryEvent From(in ThresholdChange change, string psnNo, string householdId, SettlementKey at) => new(
        (EntryEventKind)change.Kind, change.Rule, change.Level, change.IsHouseholdSubject,
        change.IsHouseholdSubject ? householdId : psnNo, change.Value, change.Threshold, at);
}

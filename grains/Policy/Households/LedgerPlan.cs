namespace Ledger.Policy.Households;

public enum RefusalKind : byte
{
    /// <summary>A field is malformed or out of range.</summary>
    Invalid = 0,

    /// <summary>Nothing recorded has this id.</summary>
    NotFound = 1,

    /// <summary>No policy is in force for the region on that date.</summary>
    NoPolicy = 2,

    /// <summary>The request conflicts with what is recorded (a closed year, a full household, another region).</summary>
    Conflict = 3,

    /// <summary>Well formed, but its amounts do not fit what the ledger computes for it (oth_pay above what is left).</summary>
    Unprocessable = 4,
}

/// <summary>Why the ledger will not journal a request, naming the wire field at fault.</summary>
public sealed record LedgerRefusal(RefusalKind Kind, string Field, string Reason);

/// <summary>
/// What the ledger would journal for one request: the entries of one atomic append (the first is the
/// primary: recorded, reversed or identity change; adjustments follow), or a refusal, or the answer a
/// resend gets, or the year whose journal it must read first. Nothing changes until the entries are
/// committed and applied.
/// </summary>
public sealed record LedgerPlan
{
    public IReadOnlyList<JournalEntry> Entries { get; private init; } = [];

    public LedgerRefusal? Refusal { get; private init; }

    /// <summary>The recorded (or reversed) entry a resend is answered with; nothing changes.</summary>
    public JournalEntry? Duplicate { get; private init; }

    /// <summary>The years whose journal the plan needs (from, to; inclusive): the request changes their history.</summary>
    public (int From, int To)? NeedsHistory { get; private init; }

    public static LedgerPlan Journal(IReadOnlyList<JournalEntry> entries) => new() { Entries = entries };

    public static LedgerPlan Refuse(RefusalKind kind, string field, string reason) => new() { Refusal = new(kind, field, reason) };

    public static LedgerPlan Refuse(LedgerRefusal refusal) => new() { Refusal = refusal };

    public static LedgerPlan AlreadyDone(JournalEntry entry) => new() { Duplicate = entry };

    public static LedgerPlan ReadFirst(int fromYear, int toYear) => new() { NeedsHistory = (fromYear, toYear) };

    /// <summary>Nothing changes that the ledger computes with (the caller may still store a profile).</summary>
    public static readonly LedgerPlan Nothing = new() { ChangesNothing = true };

    public bool ChangesNothing { get; private init; }
}

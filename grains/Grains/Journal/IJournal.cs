using Ledger.Contracts.Persons;
using Ledger.Policy.Households;

namespace Ledger.Grains.Journal;

/// <summary>
/// The journal: every accepted settlement, reversal, adjustment and identity change, once, in commit
/// order, for every retained year. It is the ledger's truth (a household's state is the fold of its
/// members' entries), the source of every event, and, with the persons it registers, what a household
/// reloads from. Durable in the PostgreSQL mode; the embedded mode keeps it in memory.
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Commits one household's change whole: its entries get consecutive positions, or nothing is written
    /// when the first entry is a settlement or reversal whose <c>setl_id</c> the journal already holds
    /// (<see cref="AppendOutcome.Conflict"/>). Registrations are written with their identity entries,
    /// except for a person now registered in another household (<see cref="AppendOutcome.PersonsRefused"/>).
    /// Throws when the journal cannot be reached: then nothing, or all, may have been committed.
    /// </summary>
    Task<AppendOutcome> Append(JournalAppend append, CancellationToken cancellationToken = default);

    /// <summary>The entries of these persons in the years from..to (inclusive) after a position, in journal order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadPersons(
        IReadOnlyCollection<string> psnNos, int fromYear, int toYear, long afterPosition = 0, CancellationToken cancellationToken = default);

    /// <summary>The recorded (or reversal) entry of a settlement, if the journal holds one.</summary>
    Task<JournalEntry?> FindSettlement(string setlId, EntryKind kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entries after a position, in journal order, at most <paramref name="max"/>; optionally one region
    /// prefix and year. A year also takes the identity changes journaled under earlier years (an entry's
    /// year is the day its change counts from): a back-dated change that left a settlement's split as it
    /// was journals no adjustment in the year, yet its identities hold there, and a reader of the year
    /// (a what-if replay) needs them. It takes the moves journaled under earlier years too: a move's year is
    /// the oldest the household joined keeps open, and the move counts in the years after it.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> ReadAfter(
        long afterPosition, int max, string regionPrefix = "", int? year = null, CancellationToken cancellationToken = default);

    /// <summary>The position of the newest entry, 0 when the journal is empty.</summary>
    Task<long> LastPosition(CancellationToken cancellationToken = default);

    /// <summary>The position of the household's newest entry, 0 when it has none: what a read compares with its grain's fence.</summary>
    Task<long> HouseholdPosition(string householdId, CancellationToken cancellationToken = default);

    Task<PersonRecord?> FindPerson(string psnNo, CancellationToken cancellationToken = default);

    /// <summary>The registrations of those of <paramref name="psnNos"/> that are registered.</summary>
    Task<IReadOnlyList<PersonRecord>> FindPersons(IReadOnlyCollection<string> psnNos, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PersonRecord>> PersonsOf(string householdId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The members of a household whose grain is activating and the position of the household's newest
    /// entry, the household claimed for that grain: from then on no roll writes into it past the grain
    /// (<see cref="JournalAppend.NewHouseholdId"/>). The position is read before the members' entries
    /// are, so an entry committed in between is folded but not counted as seen: the fence may refuse a
    /// first append needlessly, never let a stale one through.
    /// </summary>
    Task<HouseholdClaim> ClaimHousehold(string householdId, CancellationToken cancellationToken = default);
}

/// <summary>A household as its activating grain finds it: its members, and its newest entry's position (0: none).</summary>
public sealed record HouseholdClaim(IReadOnlyList<PersonRecord> Members, long LastPosition)
{
    public static readonly HouseholdClaim Empty = new([], 0);
}

/// <summary>
/// A writer's fencing token: the household it writes for and the position of that household's newest
/// entry it has folded. The journal refuses an append whose household has a newer entry
/// (<see cref="AppendOutcome.WriterBehind"/>): Orleans may briefly run two activations of one grain
/// while silos join or leave, and the second writer must not plan on a ledger missing the first's commits.
/// </summary>
public sealed record HouseholdFence(string HouseholdId, long LastPosition);

/// <summary>
/// One household's change: the entries of one plan (the first is the primary) and the registrations
/// that go with them. A registration names the household the person must be in now for the write to
/// stand: its own (a new person or an update) or the one it leaves (a move).
/// </summary>
public sealed record JournalAppend(IReadOnlyList<JournalEntry> Entries, IReadOnlyList<PersonWrite> Persons)
{
    public static JournalAppend Of(IReadOnlyList<JournalEntry> entries) => new(entries, []);

    /// <summary>
    /// Set by a roll writing a new household's members without its grain: the append is written, and
    /// the household claimed, only if no grain has claimed it and nobody is registered in it; otherwise
    /// nothing is written (<see cref="AppendOutcome.HouseholdTaken"/>) and the roll asks the grain.
    /// </summary>
    public string? NewHouseholdId { get; init; }

    /// <summary>Set by a household grain: written only if the household has no entry newer than the fence's.</summary>
    public HouseholdFence? Fence { get; init; }
}

/// <summary>A registration to write, valid only while the person is unregistered or in <see cref="ExpectedHouseholdId"/>.</summary>
public sealed record PersonWrite(PersonRecord Person, string ExpectedHouseholdId);

/// <summary>What an append committed, with journal positions, or why not.</summary>
public sealed record AppendOutcome(
    IReadOnlyList<JournalEntry> Committed, bool Conflicted, JournalEntry? Conflict, IReadOnlySet<string> PersonsRefused)
{
    public static AppendOutcome Done(IReadOnlyList<JournalEntry> committed, IReadOnlySet<string> refused) => new(committed, false, null, refused);

    public static AppendOutcome Clash(JournalEntry? existing) => new([], true, existing, new HashSet<string>());

    /// <summary>A roll's append into a household that is no longer new: nothing written.</summary>
    public static AppendOutcome Taken() => new([], false, null, new HashSet<string>()) { HouseholdTaken = true };

    public bool HouseholdTaken { get; private init; }

    /// <summary>A grain's append refused by its fence: another activation wrote to the household since it loaded.</summary>
    public static AppendOutcome Behind() => new([], false, null, new HashSet<string>()) { WriterBehind = true };

    public bool WriterBehind { get; private init; }
}

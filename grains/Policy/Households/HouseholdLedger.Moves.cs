using Ledger.Shared;

namespace Ledger.Policy.Households;

/// <summary>
/// Moves between households. A person's settlements of the year count in the household it belongs to
/// now (its journal comes along), and caps, deductibles and assistance limits shared by a household are
/// cumulative: so a move re-adjudicates both households at the move, each from the mover's earliest
/// settlement of each open year, with the cause <see cref="AdjustmentCause.MemberMoved"/> and the
/// mover's psn_no. Closed years are left as they were settled (their money is paid and reported); only
/// a change of the mover's identities valid on a closed year's settlement refuses the move, as the same
/// change without a move is refused.
/// </summary>
public sealed partial class HouseholdLedger
{
    /// <summary>
    /// A person moving in from another household, with the profile it had there: planned on this
    /// household's ledger with the person in it (its journal comes along). Every open year in which the
    /// mover has settlements is replayed with the new membership from its earliest one (and from the first
    /// changed date when the move changes its identities or residence too); the differences are journaled
    /// in the append that moves the registration. A move that changes nothing the ledger computes with is
    /// the plain admission.
    /// </summary>
    public async Task<LedgerPlan> PlanArrivalAsync(
        MemberProfile previous, MemberProfile profile, PolicyLookup policies, HistoryReader read, DateTimeOffset now)
    {
        var admission = PlanMember(profile, now);
        if (admission.Refusal is not null || _members.ContainsKey(profile.PsnNo))
        {
            return admission;
        }
        var history = await read([.. _members.Keys, profile.PsnNo], 0, int.MaxValue);
        var arriving = Of(HouseholdId, [.. _members.Values.Select(member => member.Profile), previous]);
        arriving.Rebuild(history, policies);
        return arriving.PlanMove(profile, history, policies, now, admission.Entries);
    }

    /// <summary>
    /// On the ledger that holds the mover with its previous profile: the replay of each open year from the
    /// mover's earliest surviving settlement there, or from the first date its new profile computes
    /// differently if earlier. The move's identity entry is the admission's, or, when the profile changes,
    /// one dated from the change (as <see cref="PlanContextChange"/> dates it).
    /// </summary>
    private LedgerPlan PlanMove(
        MemberProfile profile, IReadOnlyList<JournalEntry> history, PolicyLookup policies, DateTimeOffset now, IReadOnlyList<JournalEntry> admission)
    {
        var previous = _members[profile.PsnNo].Profile;
        var changed = previous.RegionCode != profile.RegionCode || ChangedFrom(previous, profile) is not null;
        var from = changed ? ChangedFrom(previous, profile) ?? DateOnly.MaxValue : DateOnly.MaxValue;
        if (ClosedYearRefusal(profile, from, history) is { } refused)
        {
            return refused;
        }
        var changedFrom = KeyOf(from);
        var events = new List<EntryEvent>();
        var adjusted = new List<JournalEntry>();
        foreach (var (year, _) in _years.Entries().Where(year => !IsClosed(year.Year)).OrderBy(year => year.Year))
        {
            var standings = Standing.Of(history.Where(entry => entry.Year == year));
            var recomputeFrom = SettlementKey.Min(changedFrom, EarliestOf(profile.PsnNo, standings));
            if (recomputeFrom.SetlTime.Year > year)
            {
                continue;
            }
            var replay = YearReplay.Run(HouseholdId, Surviving(standings), recomputeFrom,
                psnNo => psnNo == profile.PsnNo ? profile : ProfileOf(psnNo), policies);
            var yearEvents = Differences(year, replay, recomputeFrom, policies, JournaledLevels(year, history));
            var changes = Reconciled(year, replay, Adjustments(year, standings, AdjustmentCause.MemberMoved, profile.PsnNo, now),
                standings, AdjustmentCause.MemberMoved, profile.PsnNo, now);
            Checked(year, replay, changes);
            if (changed || admission.Count > 0)
            {
                events.AddRange(yearEvents);
                adjusted.AddRange(changes);
            }
            else
            {
                adjusted.AddRange(Carrying(changes, yearEvents, () => Carrier(year, history, profile.PsnNo, now)));
            }
        }
        var moved = Moved(profile, now);
        if (changed)
        {
            return LedgerPlan.Journal([moved, IdentityChanged(profile, from, events, now), .. adjusted]);
        }
        return admission.Count > 0
            ? LedgerPlan.Journal([moved, admission[0] with { Events = [.. admission[0].Events, .. events] }, .. admission.Skip(1), .. adjusted])
            : LedgerPlan.Journal([moved, .. adjusted]);
    }

    /// <summary>
    /// The move's mark, first in the append that moves the registration: from it on, the mover's settlements of
    /// the years this household keeps open (this ledger holds the mover, rebuilt with its journal) count here,
    /// as this ledger counts them. The projections sum each entry into the household that wrote it; the mark
    /// tells them to count the mover's recorded money of those years here too, before the adjustments that
    /// follow it (a move of a person without identities that changes no split journals nothing else). Dated 1 January
    /// of the oldest open year.
    /// </summary>
    private JournalEntry Moved(MemberProfile profile, DateTimeOffset now)
    {
        var today = ChinaTime.Date(now);
        var from = _years.NewerYear == 0 ? today.Year : Math.Max(1, _years.NewerYear - YearsRetained + 1);
        return new JournalEntry
        {
            Kind = EntryKind.Moved, PsnNo = profile.PsnNo, HouseholdId = HouseholdId, RegionCode = profile.RegionCode, Year = from,
            SetlTime = new DateTimeOffset(new DateTime(from, 1, 1), ChinaTime.Offset), LoggedAt = now, Context = profile.On(today),
        };
    }

    /// <summary>
    /// A member that left (its registration moved to another household; this ledger is rebuilt without
    /// it): every open year in which it has surviving settlements is replayed without it from its
    /// earliest one, and the other members' settlements whose split changes are adjusted, cause
    /// <see cref="AdjustmentCause.MemberMoved"/>. <paramref name="history"/> holds the journal of the
    /// members and of the mover. The years are the mover's (a year only the mover settled in is not in
    /// the ledger rebuilt without it), open as they were with the mover in the household. A household
    /// left with no settlement of a year (left empty, or the mover had them all) clears the household
    /// levels its journal has open there all the same, on an adjustment of no amount of the mover's
    /// (<see cref="Carrier"/>). A departure from a household that wrote settlement entries of the mover ends
    /// with its mark (<see cref="EntryKind.Departed"/>), journaled even when nothing else is: planned again
    /// after it is committed, it journals nothing, and a resend of the mover's registration needs not ask.
    /// </summary>
    public LedgerPlan PlanDeparture(string psnNo, IReadOnlyList<JournalEntry> history, PolicyLookup policies, DateTimeOffset now)
    {
        if (_members.ContainsKey(psnNo) || DepartureDone(history, psnNo, HouseholdId))
        {
            return LedgerPlan.Nothing;
        }
        var years = history.Where(entry => entry.IsSettlement && entry.PsnNo == psnNo).Select(entry => entry.Year).Distinct().ToList();
        var newest = years.Append(_years.NewerYear).Max();
        var adjusted = new List<JournalEntry>();
        foreach (var year in years.Where(year => year > newest - YearsRetained).Order())
        {
            var entries = history.Where(entry => entry.Year == year).ToList();
            var left = EarliestOf(psnNo, Standing.Of(entries));
            if (left == SettlementKey.Never)
            {
                continue;
            }
            var standings = Standing.Of(entries.Where(entry => _members.ContainsKey(entry.PsnNo)));
            var replay = YearReplay.Run(HouseholdId, Surviving(standings), left, ProfileOf, policies);
            var events = Differences(year, replay, left, policies, JournaledLevels(year, history));
            var changes = Reconciled(year, replay, Adjustments(year, standings, AdjustmentCause.MemberMoved, psnNo, now),
                standings, AdjustmentCause.MemberMoved, psnNo, now);
            Checked(year, replay, changes);
            adjusted.AddRange(Carrying(changes, events, () => Carrier(year, history, psnNo, now)));
        }
        // Marked where a resend would ask: a household that wrote settlement entries of the mover (its carriers included).
        var written = adjusted.Concat(history).FirstOrDefault(entry => entry.IsSettlement && entry.PsnNo == psnNo && entry.HouseholdId == HouseholdId);
        return LedgerPlan.Journal(written is null ? adjusted : [.. adjusted, Departed(psnNo, written.RegionCode, now)]);
    }

    /// <summary>
    /// Whether <paramref name="householdId"/> journaled its departure of the member since the member last joined
    /// it (a <see cref="EntryKind.Departed"/> entry after the member's latest <see cref="EntryKind.Moved"/> entry
    /// into it; a member registered there first has none). <paramref name="history"/> holds the member's entries
    /// of every year: a move's year is the oldest one its household keeps open, older than the entries it governs.
    /// </summary>
    public static bool DepartureDone(IEnumerable<JournalEntry> history, string psnNo, string householdId)
    {
        var (joined, departed) = (0L, 0L);
        foreach (var entry in history)
        {
            if (entry.PsnNo == psnNo && entry.HouseholdId == householdId)
            {
                joined = entry.Kind == EntryKind.Moved ? Math.Max(joined, entry.Position) : joined;
                departed = entry.Kind == EntryKind.Departed ? Math.Max(departed, entry.Position) : departed;
            }
        }
        return departed > joined;
    }

    /// <summary>The departure's mark: written by the household left, last in its departure's append, dated when it was journaled.</summary>
    private JournalEntry Departed(string psnNo, string regionCode, DateTimeOffset now) => new()
    {
        Kind = EntryKind.Departed, PsnNo = psnNo, HouseholdId = HouseholdId, RegionCode = regionCode, Year = ChinaTime.Date(now).Year,
        SetlTime = now, LoggedAt = now,
    };

    /// <summary>The member's earliest surviving settlement of a year, or <see cref="SettlementKey.Never"/> when it has none.</summary>
    private static SettlementKey EarliestOf(string psnNo, Dictionary<string, Standing> standings) =>
        standings.Values.Where(standing => standing.Reversal is null && standing.Recorded.PsnNo == psnNo)
            .Select(standing => standing.Key).DefaultIfEmpty(SettlementKey.Never).Min();

    /// <summary>
    /// A year's adjustments with the year's threshold events on the first of them; with no adjustment (the
    /// move changed no split, but the household's levels moved with its membership) on the
    /// <paramref name="carrier"/>, so that the journal, whose events the monitoring list folds, says it too.
    /// </summary>
    private static IEnumerable<JournalEntry> Carrying(List<JournalEntry> changes, List<EntryEvent> events, Func<JournalEntry?> carrier) =>
        events.Count == 0 ? changes
        : changes.Count > 0 ? [changes[0] with { Events = events }, .. changes.Skip(1)]
        : carrier() is { } entry ? [entry with { Events = events }] : changes;

    /// <summary>
    /// The household's open levels of a year as its journal's events leave them: the last event of each
    /// household level in journal order, unless it cleared the level. A move plans the household's levels
    /// against these: its ledger was rebuilt with the new membership, which no event has said yet.
    /// </summary>
    private Dictionary<LevelKey, EntryEvent> JournaledLevels(int year, IReadOnlyList<JournalEntry> history)
    {
        var open = new Dictionary<LevelKey, EntryEvent>();
        foreach (var entry in history.OrderBy(entry => entry.Position))
        {
            foreach (var fired in entry.Events)
            {
                var level = LevelKey.Of(fired);
                if (fired.Kind == EntryEventKind.CapApplied || !fired.HouseholdSubject || fired.SubjectId != HouseholdId || level.Year != year)
                {
                    continue;
                }
                if (fired.Kind == EntryEventKind.Cleared)
                {
                    open.Remove(level);
                }
                else
                {
                    open[level] = fired;
                }
            }
        }
        return open;
    }

    /// <summary>
    /// What carries a move's events when it changes no split: an adjustment of no amount (cause
    /// <see cref="AdjustmentCause.MemberMoved"/>) of the year's latest standing settlement of a member,
    /// with the identities and policy it stands at (its latest entry's). A household left with no member's
    /// settlement of the year has only the mover's, whose money its levels were reached with: the latest
    /// of those this household wrote last, else the latest (after two moves in a year, or a household joined
    /// that re-adjudicated them all, another household wrote each last). The carrier is this household's
    /// entry (the journal fences each household's entries), and the projections do not count an adjustment
    /// of no amount as its settlement's latest entry, so it re-places no settlement. Null when there is none.
    /// </summary>
    private JournalEntry? Carrier(int year, IReadOnlyList<JournalEntry> history, string psnNo, DateTimeOffset now)
    {
        var ofYear = history.Where(entry => entry.Year == year && entry.IsSettlement).ToList();
        var standing = Standing.Of(ofYear.Where(entry => _members.ContainsKey(entry.PsnNo))).Values.Where(standing => standing.Reversal is null).ToList();
        if (standing.Count == 0)
        {
            standing = [.. Standing.Of(ofYear.Where(entry => entry.PsnNo == psnNo)).Values.Where(standing => standing.Reversal is null)];
            var lastWrittenHere = standing.Where(mover => ofYear.Where(entry => entry.SetlId == mover.Key.SetlId).MaxBy(entry => entry.Position)!.HouseholdId == HouseholdId).ToList();
            standing = lastWrittenHere.Count > 0 ? lastWrittenHere : standing;
        }
        if (standing.MaxBy(standing => standing.Key) is not { } latest)
        {
            return null;
        }
        var stands = ofYear.Where(entry => entry.SetlId == latest.Key.SetlId).MaxBy(entry => entry.Position)!;
        return stands with
        {
            Position = 0, Kind = EntryKind.Adjusted, HouseholdId = HouseholdId, LoggedAt = now, Claim = default, IdentityPeriods = null,
            Change = default, Cause = AdjustmentCause.MemberMoved, CauseId = psnNo, Events = [],
        };
    }
}

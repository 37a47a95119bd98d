using Ledger.Policy.Engine;
using Ledger.Shared;

namespace Ledger.Policy.Households;

/// <summary>One threshold level of one rule on one subject (a member, or the household) in one year.</summary>
public readonly record struct LevelKey(int Year, bool HouseholdSubject, string SubjectId, Rule Rule, Level Level)
{
    public static LevelKey Of(in EntryEvent fired) =>
        new(ChinaTime.Date(fired.At.SetlTime).Year, fired.HouseholdSubject, fired.SubjectId, fired.Rule, fired.Level);
}

/// <summary>
/// The openings of the open levels: for each, the event it was reached with (the settlement, the value and
/// the threshold the engine read there). They are what the journal's events say about each open level, so
/// a view shows the threshold its event and monitoring row carry, and a re-adjudication can tell when the
/// settlement at which a level is first reached has moved.
/// </summary>
public sealed partial class HouseholdLedger
{
    // Most households never open a level: no dictionary until one does.
    private Dictionary<LevelKey, EntryEvent>? _openings;

    /// <summary>The event an open level was reached with, if the level is open.</summary>
    public EntryEvent? OpeningOf(LevelKey level) =>
        _openings is not null && _openings.TryGetValue(level, out var opening) ? opening : null;

    /// <summary>Every open level's opening, for a snapshot.</summary>
    public IReadOnlyList<EntryEvent> Openings => _openings is null ? [] : [.. _openings.Values];

    private void Open(in EntryEvent fired) => (_openings ??= [])[LevelKey.Of(fired)] = fired;

    private void Close(LevelKey level) => _openings?.Remove(level);

    /// <summary>Forgets the openings of years no longer kept.</summary>
    private void KeepOpeningsOfKeptYears()
    {
        if (_openings is null)
        {
            return;
        }
        foreach (var level in _openings.Keys.Where(level => !_years.Contains(level.Year)).ToList())
        {
            _openings.Remove(level);
        }
    }

    /// <summary>
    /// Keeps open, as a snapshot would, the levels the journal leaves open of rules the year's policy no
    /// longer lists: the replay never evaluates them, so without this a rebuild would drop them silently
    /// while their monitoring rows stay. Held open, the next settlement of the subject-year clears them with
    /// an event (<see cref="Thresholds"/>), whether the household was rebuilt or restored from a snapshot.
    /// </summary>
    private void KeepUnlistedOpen(int year, IEnumerable<JournalEntry> history, PolicyLookup policies)
    {
        var policy = policies(RegionCode, new DateOnly(year, 12, 31)) ?? policies(RegionCode, new DateOnly(year, 1, 1));
        if (policy is null)
        {
            return;
        }
        var listed = RuleReadings.Order(policy);
        var last = new Dictionary<LevelKey, EntryEvent>();
        foreach (var entry in history.OrderBy(entry => entry.Position))
        {
            foreach (var fired in entry.Events)
            {
                var level = LevelKey.Of(fired);
                if (fired.Kind != EntryEventKind.CapApplied && level.Year == year && !listed.Contains(fired.Rule)
                    && (fired.HouseholdSubject ? fired.SubjectId == HouseholdId : _members.ContainsKey(fired.SubjectId)))
                {
                    last[level] = fired;
                }
            }
        }
        foreach (var (level, fired) in last.Where(held => held.Value.Kind != EntryEventKind.Cleared))
        {
            if (level.HouseholdSubject)
            {
                var state = _years.Get(year);
                var household = state.Year;
                household.Flags = household.Flags.With(level.Rule, level.Level);
                _years.Set(year, state with { Year = household });
            }
            else
            {
                var member = _members[level.SubjectId];
                var person = member.Years.Get(year);
                person.Flags = person.Flags.With(level.Rule, level.Level);
                member.Years.Set(year, person);
            }
            Open(fired);
        }
    }

    /// <summary>The replay's openings of the levels it ends with open, as a rebuild keeps them.</summary>
    private void OpenAsReplayed(int year, YearReplay replay)
    {
        foreach (var (psnNo, person) in replay.Persons)
        {
            OpenAsReplayed(year, replay, false, psnNo, person.Flags);
        }
        OpenAsReplayed(year, replay, true, HouseholdId, replay.Household.Flags);
    }

    private void OpenAsReplayed(int year, YearReplay replay, bool household, string subjectId, ThresholdFlags flags)
    {
        foreach (var (rule, level) in flags.Set())
        {
            Open(replay.OpeningOf(household, subjectId, rule, level)
                ?? throw new LedgerOutOfStepException($"Replay of {HouseholdId} {year} holds a level open that it never opened"));
        }
    }

    /// <summary>Whether every open level of the state has its opening (a snapshot from before openings were kept has none).</summary>
    private static bool OpeningsCover(string householdId, HouseholdLedgerState state)
    {
        var opened = state.Openings.Select(opening => LevelKey.Of(opening)).ToHashSet();
        return state.Years.Entries().All(year => AllOpened(opened, year.Year, true, householdId, year.Value.Year.Flags))
            && state.Members.All(member => member.Value.Entries().All(year => AllOpened(opened, year.Year, false, member.Key, year.Value.Flags)));
    }

    private static bool AllOpened(HashSet<LevelKey> opened, int year, bool household, string subjectId, ThresholdFlags flags) =>
        flags.Set().All(open => opened.Contains(new LevelKey(year, household, subjectId, open.Rule, open.Level)));
}

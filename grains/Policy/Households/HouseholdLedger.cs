using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Model;
using Ledger.Shared;

namespace Ledger.Policy.Households;

/// <summary>A policy lookup by region code and date (the catalogue's longest-prefix match), null when none is in force.</summary>
public delegate PolicyVersion? PolicyLookup(string regionCode, DateOnly date);

/// <summary>A member of a household ledger: profile and the kept years.</summary>
public sealed class MemberLedger(MemberProfile profile)
{
    public MemberProfile Profile { get; internal set; } = profile;

    public YearPair<PersonYear> Years;
}

/// <summary>A household's year: the household totals and flags, and the latest recorded settlement's key.</summary>
public record struct HouseholdYearState(HouseholdYear Year, SettlementKey Last);

/// <summary>
/// The money of one household, as a pure fold of its journal: each member's and the household's year
/// totals and open threshold levels for the years it keeps. Requests are planned into journal entries
/// without touching the state (<see cref="PlanSettlement"/>, <see cref="HouseholdReplay"/>); once the
/// journal has committed them they are <see cref="Apply">applied</see>, the same way a reactivation
/// folds the journal's tail onto a snapshot. The household grain hosts it; nothing here knows Orleans.
/// </summary>
public sealed partial class HouseholdLedger(string householdId)
{
    /// <summary>Years kept: this one and the last. Older years are closed (the journal keeps them).</summary>
    public const int YearsRetained = 2;

    /// <summary>Members one household holds.</summary>
    public const int MembersMax = 32;

    private readonly Dictionary<string, MemberLedger> _members = new(StringComparer.Ordinal);
    private YearPair<HouseholdYearState> _years;

    public string HouseholdId { get; } = householdId;

    /// <summary>The household's region: set by its first member; every member must share it.</summary>
    public string RegionCode { get; private set; } = "";

    /// <summary>The journal position of the last entry folded in.</summary>
    public long Position { get; private set; }

    public IReadOnlyDictionary<string, MemberLedger> Members => _members;

    public YearPair<HouseholdYearState> Years => _years;

    public bool IsClosed(int year) => year <= Math.Max(_years.NewerYear, year) - YearsRetained;

    /// <summary>
    /// Plans a settlement of a member. A settlement dated after every recorded one of its year is
    /// computed on the year as it stands; one dated before needs the year's journal (a re-adjudication).
    /// </summary>
    internal LedgerPlan PlanSettlement(MemberLedger member, SettlementKey key, in Claim claim, PolicyVersion policy, DateTimeOffset now)
    {
        var psnNo = member.Profile.PsnNo;
        var year = claim.Date.Year;
        var state = _years.Get(year);
        if (key < state.Last)
        {
            return LedgerPlan.ReadFirst(year, year);
        }
        var context = member.Profile.On(claim.Date);
        var person = member.Years.Get(year);
        var household = state.Year;
        Span<ThresholdChange> changes = stackalloc ThresholdChange[Thresholds.ChangesMax];
        var split = SettlementEngine.Record(policy, claim, context, ref person, ref household, changes, out var count);
        if (OtherPaidRefusal(claim, split) is { } refused)
        {
            return refused;
        }
        var cap = CapEvent(policy, split, psnNo, key);
        // Most settlements raise nothing: no list, and an exactly sized array when they do.
        var events = count == 0 && cap is null ? [] : new EntryEvent[count + (cap is null ? 0 : 1)];
        var next = 0;
        if (cap is { } bound)
        {
            events[next++] = bound;
        }
        foreach (var change in changes[..count])
        {
            events[next++] = EntryEvent.From(change, psnNo, HouseholdId, key);
        }
        return LedgerPlan.Journal([Recorded(member.Profile, key, claim, policy, context, split, events, now)]);
    }

    internal JournalEntry Recorded(
        MemberProfile member, SettlementKey key, in Claim claim, PolicyVersion policy, MemberContext context, in Split split,
        IReadOnlyList<EntryEvent> events, DateTimeOffset now) => new()
    {
        Kind = EntryKind.Recorded, SetlId = key.SetlId, PsnNo = member.PsnNo, HouseholdId = HouseholdId,
        RegionCode = member.RegionCode, Year = claim.Date.Year, SetlTime = key.SetlTime, LoggedAt = now,
        PolicyId = policy.PolicyId, Claim = claim, Context = context, Change = YearChange.Of(split),
        CapBinding = split.CapBinding, Events = events,
    };

    internal EntryEvent? CapEvent(PolicyVersion policy, in Split split, string psnNo, SettlementKey key)
    {
        if (split.CapBinding == CapBinding.None || policy.BurdenCap is not { } cap)
        {
            return null;
        }
        var household = split.CapBinding == CapBinding.Household;
        return new EntryEvent(EntryEventKind.CapApplied, household ? Rule.HouseholdCap : Rule.IndividualCap, Level.Crossed,
            household, household ? HouseholdId : psnNo, split.WarmFund, household ? cap.HouseholdCap : cap.IndividualCap, key);
    }

    /// <summary>
    /// Folds a committed entry in: its change into the person's and the household's year, its events
    /// into the open levels. Entries of closed years change nothing kept in memory.
    /// </summary>
    public void Apply(JournalEntry entry)
    {
        Position = Math.Max(Position, entry.Position);
        if (entry.IsSettlement)
        {
            FoldSettlement(entry.PsnNo, entry.Year, entry.Change, entry.Key, recorded: entry.Kind == EntryKind.Recorded);
        }
        // By index: a foreach over the interface would allocate an enumerator per entry.
        for (var i = 0; i < entry.Events.Count; i++)
        {
            var fired = entry.Events[i];
            if (fired.Kind != EntryEventKind.CapApplied)
            {
                ApplyFlag(fired);
            }
        }
    }

    /// <summary>A settlement's change into its person's and household's year; a recorded one moves the year's last key.</summary>
    private void FoldSettlement(string psnNo, int year, in YearChange change, SettlementKey key, bool recorded)
    {
        if (!Retain(year))
        {
            return;
        }
        var member = _members[psnNo];
        var person = member.Years.Get(year);
        change.ApplyTo(ref person);
        person.Totals.AssertInvariants("person");
        member.Years.Set(year, person);
        var state = _years.Get(year);
        var household = state.Year;
        change.ApplyTo(ref household);
        household.Totals.AssertInvariants("household");
        var last = recorded ? SettlementKey.Max(state.Last, key) : state.Last;
        _years.Set(year, new HouseholdYearState(household, last));
    }

    /// <summary>A level's change into its subject's flags, and its opening (or its closing) into the openings.</summary>
    private void ApplyFlag(in EntryEvent fired)
    {
        var level = LevelKey.Of(fired);
        if (!Retain(level.Year))
        {
            return;
        }
        if (fired.HouseholdSubject)
        {
            var state = _years.Get(level.Year);
            var household = state.Year;
            household.Flags = Flagged(household.Flags, fired.Kind, fired.Rule, fired.Level);
            _years.Set(level.Year, state with { Year = household });
        }
        else if (_members.TryGetValue(fired.SubjectId, out var member))
        {
            var person = member.Years.Get(level.Year);
            person.Flags = Flagged(person.Flags, fired.Kind, fired.Rule, fired.Level);
            member.Years.Set(level.Year, person);
        }
        else
        {
            return;
        }
        if (fired.Kind == EntryEventKind.Cleared)
        {
            Close(level);
        }
        else
        {
            Open(fired);
        }
    }

    private static ThresholdFlags Flagged(ThresholdFlags flags, EntryEventKind kind, Rule rule, Level level) =>
        kind == EntryEventKind.Cleared ? flags.Without(rule, level) : flags.With(rule, level);

    /// <summary>Makes room for a year if it is not closed: a newer year pushes the oldest out of every member too.</summary>
    private bool Retain(int year)
    {
        if (_years.Contains(year))
        {
            return true;
        }
        if (IsClosed(year) || (_years.OlderYear != 0 && year < _years.OlderYear))
        {
            return false;
        }
        _years.Set(year, new HouseholdYearState(default, SettlementKey.None));
        foreach (var member in _members.Values)
        {
            member.Years.KeepOnly(_years);
        }
        KeepOpeningsOfKeptYears();
        return true;
    }
}

using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Shared;

namespace Ledger.Policy.Households;

/// <summary>
/// Re-adjudication: when a late settlement, a reversal or a back-dated identity changes a year's
/// history, the year is replayed from its journal in settlement-time order and every settlement whose
/// split changes gets an adjustment entry with the difference. History is never rewritten: the year's
/// totals stay the sum of its entries, and the open levels move by the events of the new entries.
/// </summary>
public sealed partial class HouseholdLedger
{
    /// <summary>A settlement dated before others of its year: inserted where it belongs, later ones recomputed.</summary>
    public LedgerPlan PlanLate(
        string psnNo, SettlementKey key, in Claim claim, IReadOnlyList<JournalEntry> history, PolicyLookup policies, DateTimeOffset now)
    {
        var standings = Standing.Of(history);
        if (standings.TryGetValue(key.SetlId, out var seen))
        {
            return seen.Recorded.PsnNo == psnNo ? LedgerPlan.AlreadyDone(seen.Recorded)
                : LedgerPlan.Refuse(RefusalKind.Conflict, "setl_id", "is already recorded for another person");
        }
        var year = claim.Date.Year;
        var late = Standing.Pending(_members[psnNo].Profile, key, claim);
        var replay = YearReplay.Run(HouseholdId, Surviving(standings, arriving: late), key, ProfileOf, policies);
        var outcome = late.Outcome!;
        if (OtherPaidRefusal(claim, outcome.Split) is { } refused)
        {
            return refused;
        }
        var events = new List<EntryEvent>();
        if (CapEvent(outcome.Policy, outcome.Split, psnNo, key) is { } cap)
        {
            events.Add(cap);
        }
        events.AddRange(Differences(year, replay, key, policies));
        var recorded = Recorded(_members[psnNo].Profile, key, claim, outcome.Policy, outcome.Context, outcome.Split, events, now);
        var adjusted = Adjustments(year, standings, AdjustmentCause.LateSettlement, key.SetlId, now);
        return Checked(year, replay, Reconciled(year, replay, [recorded, .. adjusted], standings, AdjustmentCause.LateSettlement, key.SetlId, now));
    }

    /// <summary>A reversal: the settlement leaves the year, later ones are recomputed without it.</summary>
    public LedgerPlan PlanReversal(string psnNo, string setlId, IReadOnlyList<JournalEntry> history, PolicyLookup policies, DateTimeOffset now)
    {
        var standings = Standing.Of(history);
        if (!standings.TryGetValue(setlId, out var reversed) || reversed.Recorded.PsnNo != psnNo)
        {
            return LedgerPlan.Refuse(RefusalKind.NotFound, "setl_id", "no recorded settlement of this person has this id");
        }
        if (reversed.Reversal is { } done)
        {
            return LedgerPlan.AlreadyDone(done);
        }
        var recorded = reversed.Recorded;
        if (IsClosed(recorded.Year))
        {
            return LedgerPlan.Refuse(RefusalKind.Conflict, "setl_id", $"year {recorded.Year} is closed: the ledger keeps {YearsRetained} years");
        }
        var replay = YearReplay.Run(HouseholdId, Surviving(standings, leaving: reversed), recorded.Key, ProfileOf, policies);
        var reversal = new JournalEntry
        {
            Kind = EntryKind.Reversed, SetlId = setlId, PsnNo = psnNo, HouseholdId = HouseholdId, RegionCode = recorded.RegionCode,
            Year = recorded.Year, SetlTime = recorded.SetlTime, LoggedAt = now, PolicyId = recorded.PolicyId,
            Context = recorded.Context, Change = reversed.Effective.Negated(),
            Events = Differences(recorded.Year, replay, recorded.Key, policies),
        };
        var adjusted = Adjustments(recorded.Year, standings, AdjustmentCause.Reversal, setlId, now);
        return Checked(recorded.Year, replay,
            Reconciled(recorded.Year, replay, [reversal, .. adjusted], standings, AdjustmentCause.Reversal, setlId, now));
    }

    /// <summary>
    /// Replaces every kept year's state with the fold of <paramref name="history"/> (the journal entries of
    /// the current members; entries of anyone else are passed over): on activation without a usable
    /// snapshot, and when members join or leave.
    /// </summary>
    public void Rebuild(IReadOnlyList<JournalEntry> history, PolicyLookup policies)
    {
        _years = default;
        _openings = null;
        foreach (var member in _members.Values)
        {
            member.Years = default;
        }
        Position = history.Count == 0 ? Position : Math.Max(Position, history.Max(entry => entry.Position));
        // Only the members' entries count, as a reload reads them: a departure's history also holds the
        // member that left (and its entries the departure carried its levels on), whose newer years would
        // otherwise push the members' older ones out of the two kept.
        var members = history.Where(entry => _members.ContainsKey(entry.PsnNo)).ToList();
        var years = members.Where(entry => entry.IsSettlement).Select(entry => entry.Year).Distinct().OrderDescending().ToList();
        // The two newest years, as folding the same entries in one by one keeps them (a year closed by a
        // newer one stays readable until a third pushes it out), whoever wrote them: a moved member's too.
        foreach (var year in years.Take(YearsRetained))
        {
            var standings = Standing.Of(members.Where(entry => entry.Year == year));
            var replay = YearReplay.Run(HouseholdId, Surviving(standings), new SettlementKey(DateTimeOffset.MaxValue, ""), ProfileOf, policies);
            var last = standings.Values.Select(standing => standing.Key).DefaultIfEmpty(SettlementKey.None).Max();
            _years.Set(year, new HouseholdYearState(replay.Household, last));
            foreach (var (psnNo, person) in replay.Persons)
            {
                _members[psnNo].Years.Set(year, person);
            }
            OpenAsReplayed(year, replay);
            KeepUnlistedOpen(year, members, policies);
        }
    }

    /// <summary>The year's settlements not reversed, without <paramref name="leaving"/> and with <paramref name="arriving"/>.</summary>
    private static List<Standing> Surviving(Dictionary<string, Standing> standings, Standing? leaving = null, Standing? arriving = null)
    {
        var surviving = new List<Standing>(standings.Count + 1);
        foreach (var standing in standings.Values)
        {
            if (standing.Reversal is null && standing != leaving)
            {
                surviving.Add(standing);
            }
        }
        if (arriving is not null)
        {
            surviving.Add(arriving);
        }
        return surviving;
    }

    private MemberProfile ProfileOf(string psnNo) => _members[psnNo].Profile;

    /// <summary>
    /// One adjustment per surviving settlement whose recomputed amounts differ from what it stands at. What
    /// a stay paid towards its deductible is not an amount: it changes alone (a pre-adjudicated stay, a stay
    /// under its deductible, a capped one) without an adjustment; <see cref="Reconciled"/> journals the
    /// person's running figure with the plan's entries.
    /// </summary>
    private List<JournalEntry> Adjustments(
        int year, Dictionary<string, Standing> standings, AdjustmentCause cause, string causeId, DateTimeOffset now)
    {
        var adjusted = new List<JournalEntry>();
        foreach (var standing in standings.Values.Where(standing => standing.Reversal is null).OrderBy(standing => standing.Key))
        {
            if (standing.Outcome is not { } outcome || SameAmounts(outcome.Change, standing.Effective))
            {
                continue;
            }
            adjusted.Add(Adjustment(year, standing, outcome, outcome.Change.Minus(standing.Effective) with { DeductiblePaid = 0m }, cause, causeId, now));
        }
        return adjusted;
    }

    private static bool SameAmounts(in YearChange left, in YearChange right) =>
        left.Totals == right.Totals && left.CriticalBase == right.CriticalBase && left.HighCostCount == right.HighCostCount;

    private JournalEntry Adjustment(
        int year, Standing standing, ReplayOutcome outcome, YearChange change, AdjustmentCause cause, string causeId, DateTimeOffset now)
    {
        var recorded = standing.Recorded;
        return new JournalEntry
        {
            Kind = EntryKind.Adjusted, SetlId = recorded.SetlId, PsnNo = recorded.PsnNo, HouseholdId = HouseholdId,
            RegionCode = standing.RegionOf(_members[recorded.PsnNo].Profile), Year = year, SetlTime = recorded.SetlTime, LoggedAt = now,
            PolicyId = outcome.Policy.PolicyId, Context = outcome.Context, Change = change,
            CapBinding = outcome.Split.CapBinding, Cause = cause, CauseId = causeId,
            OtherPaidUnbooked = outcome.Split.OtherPaidUnbooked,
        };
    }

    /// <summary>
    /// The plan's entries with each member's <see cref="PersonYear.InpatientDeductiblePaid"/> taken to what
    /// the replay computed: the difference rides on the member's first settlement entry of the plan (the
    /// late settlement, the reversal or an adjustment), so the journal's fold keeps the running figure without
    /// an adjustment of no amount. The figure is the replay's own reading of the year's claims (a replay
    /// works it out, see <see cref="YearReplay"/>), so which entry carries it does not matter to a later
    /// re-adjudication. Only when the plan has no settlement entry of the member (a back-dated identity that
    /// changes nothing but what a stay paid towards its deductible) does it take an adjustment of no amount.
    /// </summary>
    private List<JournalEntry> Reconciled(
        int year, YearReplay replay, List<JournalEntry> entries, Dictionary<string, Standing> standings,
        AdjustmentCause cause, string causeId, DateTimeOffset now)
    {
        foreach (var (psnNo, member) in _members)
        {
            var held = member.Years.Get(year).InpatientDeductiblePaid;
            var carrier = -1;
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Year == year && entries[i].IsSettlement && entries[i].PsnNo == psnNo)
                {
                    held += entries[i].Change.DeductiblePaid;
                    carrier = carrier < 0 ? i : carrier;
                }
            }
            var residual = replay.Persons.GetValueOrDefault(psnNo).InpatientDeductiblePaid - held;
            if (residual == 0m)
            {
                continue;
            }
            if (carrier >= 0)
            {
                entries[carrier] = entries[carrier] with { Change = entries[carrier].Change with { DeductiblePaid = entries[carrier].Change.DeductiblePaid + residual } };
            }
            else if (standings.Values.Where(standing => standing.Recorded.PsnNo == psnNo && standing.Outcome is not null)
                .OrderBy(standing => standing.Key).LastOrDefault() is { Outcome: { } outcome } last)
            {
                entries.Add(Adjustment(year, last, outcome, new YearChange(new YearTotals(), 0m, 0, residual), cause, causeId, now));
            }
        }
        return entries;
    }

    /// <summary>
    /// The events that take the open levels from what the ledger holds to what the replay ends with:
    /// each level that opened with the change that opened it last, each that closed with the change that
    /// closed it (or, if the replay never opened it, a clearing at the year's last settlement), and each
    /// that stays open but is now reached elsewhere with its opening restated (<see cref="Moved"/>).
    /// </summary>
    /// <param name="journaled">
    /// The household's levels as its journal's events leave them, when the ledger's are not those (a move:
    /// the ledger was rebuilt with the new membership, which the journal has not heard of yet).
    /// </param>
    private List<EntryEvent> Differences(
        int year, YearReplay replay, SettlementKey cause, PolicyLookup policies, IReadOnlyDictionary<LevelKey, EntryEvent>? journaled = null)
    {
        var events = new List<EntryEvent>();
        var state = _years.Get(year);
        foreach (var (psnNo, member) in _members)
        {
            var now = replay.Persons.GetValueOrDefault(psnNo);
            AddDifferences(events, year, replay, false, psnNo, member.Years.Get(year).Flags, now.Flags, cause, policies, OpeningOf);
        }
        var (before, held) = journaled is null ? (state.Year.Flags, (Func<LevelKey, EntryEvent?>)OpeningOf)
            : (journaled.Keys.Aggregate(default(ThresholdFlags), (flags, level) => flags.With(level.Rule, level.Level)),
                level => journaled.TryGetValue(level, out var opening) ? opening : null);
        AddDifferences(events, year, replay, true, HouseholdId, before, replay.Household.Flags, cause, policies, held);
        // As the engine reports changes: by settlement, then in the policy's rule order, each rule's
        // clearings (crossed, then warning) before its raisings (warning, then crossed).
        var order = OrderOf(year, policies);
        return [.. events.OrderBy(fired => fired.At).ThenBy(fired => order(fired.Rule)).ThenBy(fired => fired.Kind switch
        {
            EntryEventKind.Cleared => fired.Level == Level.Crossed ? 0 : 1,
            _ => fired.Level == Level.Warning ? 2 : 3,
        })];
    }

    /// <summary>Where each rule stands in the order the year's policy evaluates its rules.</summary>
    private Func<Rule, int> OrderOf(int year, PolicyLookup policies)
    {
        var policy = policies(RegionCode, new DateOnly(year, 12, 31)) ?? policies(RegionCode, new DateOnly(year, 1, 1));
        var order = policy is null ? [] : RuleReadings.Order(policy);
        return rule => Array.IndexOf(order, rule) is var index and >= 0 ? index : (int)rule + RuleCodes.Count;
    }

    private void AddDifferences(
        List<EntryEvent> events, int year, YearReplay replay, bool household, string subjectId,
        ThresholdFlags before, ThresholdFlags after, SettlementKey cause, PolicyLookup policies, Func<LevelKey, EntryEvent?> held)
    {
        for (var rule = (Rule)0; (int)rule < RuleCodes.Count; rule++)
        {
            if (RuleCodes.IsHouseholdRule(rule) != household)
            {
                continue;
            }
            foreach (var level in (ReadOnlySpan<Level>)[Level.Warning, Level.Crossed])
            {
                var opened = after.Has(rule, level);
                if (before.Has(rule, level) == opened)
                {
                    if (opened && Moved(year, replay, household, subjectId, rule, level, held) is { } restated)
                    {
                        events.Add(restated);
                    }
                    continue;
                }
                var logged = replay.LastLogged(household, subjectId, rule, level);
                events.Add(logged is { } last && (last.Kind == EntryEventKind.Cleared) != opened
                    ? last
                    : ClearingAtYearEnd(year, replay, household, subjectId, rule, level, cause, policies, held));
            }
        }
    }

    /// <summary>
    /// The replay's opening of a level open before and after, when it is not the one the ledger holds: the
    /// level is now first reached at another settlement (a late one dated before, or a later one once the
    /// first is reversed) or against another threshold (a back-dated identity). Restating it moves the
    /// level's event, and so its monitoring row and month, to where the history now reaches it. A value
    /// that moved at the same settlement and threshold is not restated: the level opened there all the same.
    /// </summary>
    private static EntryEvent? Moved(
        int year, YearReplay replay, bool household, string subjectId, Rule rule, Level level, Func<LevelKey, EntryEvent?> held)
    {
        var opening = replay.OpeningOf(household, subjectId, rule, level);
        return opening is { } now && (held(new LevelKey(year, household, subjectId, rule, level)) is not { } was
            || was.At != now.At || was.Threshold != now.Threshold) ? now : null;
    }

    /// <summary>
    /// A level the replay never opened: cleared, with the rule's reading at the end of the replayed year. A
    /// rule whose value is one settlement's (<see cref="RuleCodes.IsSettlementRule"/>) reads a count there
    /// (0 once cleared), so its clearing carries the value of the opening it closes, the self-pay of the
    /// settlement that crossed, as the crossing event and the views showed it.
    /// </summary>
    private EntryEvent ClearingAtYearEnd(
        int year, YearReplay replay, bool household, string subjectId, Rule rule, Level level, SettlementKey cause, PolicyLookup policies,
        Func<LevelKey, EntryEvent?> held)
    {
        var at = InYear(cause, year) ? SettlementKey.Max(replay.LastStep, cause)
            : replay.LastStep != SettlementKey.None ? replay.LastStep
            : new SettlementKey(new DateTimeOffset(year, 12, 31, 23, 59, 59, ChinaTime.Offset), cause.SetlId);
        var date = ChinaTime.Date(at.SetlTime);
        var key = new LevelKey(year, household, subjectId, rule, level);
        // A household a move left empty has no member: its rule reads the household's year (nothing left)
        // under the household's region, and without that the clearing keeps the threshold of the opening it closes.
        var profile = household ? _members.Values.FirstOrDefault()?.Profile : _members[subjectId].Profile;
        var reading = policies(profile?.RegionCode ?? RegionCode, date) is { } policy
            ? RuleReadings.Read(policy, rule, profile?.On(date) ?? default,
                profile is null ? default : replay.Persons.GetValueOrDefault(profile.PsnNo), replay.Household)
            : null;
        var opening = RuleCodes.IsSettlementRule(rule) ? OpeningOf(key) : null;
        return new EntryEvent(EntryEventKind.Cleared, rule, level, household, subjectId,
            opening?.Value ?? reading?.Value ?? 0m, reading?.ThresholdOf(level) ?? opening?.Threshold ?? held(key)?.Threshold ?? 0m, at);
    }

    private static bool InYear(SettlementKey key, int year) => key != SettlementKey.None && ChinaTime.Date(key.SetlTime).Year == year;

    /// <summary>
    /// The plan's entries must take the year from what the ledger holds to what the replay computed,
    /// to the fen, for every member and the household: a re-adjudication that does not add up is a
    /// programmer error and is never journaled.
    /// </summary>
    private LedgerPlan Checked(int year, YearReplay replay, IReadOnlyList<JournalEntry> entries)
    {
        var household = _years.Get(year).Year;
        foreach (var entry in entries.Where(entry => entry.Year == year && entry.IsSettlement))
        {
            entry.Change.ApplyTo(ref household);
        }
        if (household.Totals != replay.Household.Totals)
        {
            throw new LedgerOutOfStepException($"Re-adjudication of {HouseholdId} {year} does not add up: {household.Totals} vs {replay.Household.Totals}");
        }
        foreach (var (psnNo, member) in _members)
        {
            var person = member.Years.Get(year);
            foreach (var entry in entries.Where(entry => entry.Year == year && entry.IsSettlement && entry.PsnNo == psnNo))
            {
                entry.Change.ApplyTo(ref person);
            }
            var replayed = replay.Persons.GetValueOrDefault(psnNo);
            if (person.Totals != replayed.Totals || person.CriticalBase != replayed.CriticalBase || person.HighCostCount != replayed.HighCostCount
                || person.InpatientDeductiblePaid != replayed.InpatientDeductiblePaid)
            {
                throw new LedgerOutOfStepException($"Re-adjudication of {HouseholdId} {year} does not add up for a member");
            }
        }
        return LedgerPlan.Journal(entries);
    }
}

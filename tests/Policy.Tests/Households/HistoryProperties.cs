using FsCheck.Xunit;
using Ledger.Policy.Households;
using Ledger.Policy.Tests.Properties;

namespace Ledger.Policy.Tests.Households;

/// <summary>The property that makes it a ledger: history may arrive in any order, the money follows.</summary>
public sealed class HistoryProperties
{
    private const int Runs = 400;

    /// <summary>
    /// How far the seeds spread: FsCheck sizes an int by the run, so with its default end size every run
    /// draws from the same two hundred scenarios, too few to meet a move that changes money.
    /// </summary>
    private const int SeedRange = 1_000_000;

    [Property(MaxTest = Runs, EndSize = SeedRange)]
    public void Any_arrival_order_with_reversals_identity_changes_and_moves_ends_as_a_fresh_replay_in_settlement_time_order(int seed)
    {
        var scenario = HistoryScenario.From(seed);
        var (live, recorded, reversed, profiles) = Run(scenario);

        var fresh = Fresh(seed, recorded, reversed, profiles);

        var year = scenario.Year;
        foreach (var psnNo in profiles.Keys)
        {
            var expected = fresh.Ledger.Members[psnNo].Years.Get(year);
            var actual = live.Ledger.Members[psnNo].Years.Get(year);
            Assert.True(expected == actual, $"seed {seed}: {psnNo} is {actual}, a fresh replay gives {expected}");
        }
        Assert.True(fresh.Ledger.Years.Get(year).Year == live.Ledger.Years.Get(year).Year,
            $"seed {seed}: household is {live.Ledger.Years.Get(year).Year}, a fresh replay gives {fresh.Ledger.Years.Get(year).Year}");
    }

    /// <summary>
    /// Each open level stands where a fresh replay reaches it first (settlement and threshold), in the
    /// ledger and in its journal's events as a projection folds them: a late settlement dated before the
    /// crossing, or the reversal of the crossing settlement, moves the crossing.
    /// </summary>
    [Property(MaxTest = Runs, EndSize = SeedRange)]
    public void Every_open_level_is_reached_where_a_fresh_replay_reaches_it_and_the_journals_events_say_so(int seed)
    {
        var scenario = HistoryScenario.From(seed);
        var (live, recorded, reversed, profiles) = Run(scenario);

        var fresh = Fresh(seed, recorded, reversed, profiles);

        var expected = Reached(fresh.Ledger.Openings);
        Assert.True(expected.SequenceEqual(Reached(live.Ledger.Openings)),
            $"seed {seed}: the ledger holds [{string.Join("; ", Reached(live.Ledger.Openings))}], a fresh replay [{string.Join("; ", expected)}]");
        var folded = Reached(FoldedOpenings(live.Journal));
        Assert.True(expected.SequenceEqual(folded),
            $"seed {seed}: the journal's events say [{string.Join("; ", folded)}], a fresh replay [{string.Join("; ", expected)}]");
    }

    [Property(MaxTest = Runs, EndSize = SeedRange)]
    public void Totals_are_the_sums_of_the_journal_entries(int seed)
    {
        var scenario = HistoryScenario.From(seed);
        var (live, _, _, profiles) = Run(scenario);
        foreach (var psnNo in profiles.Keys)
        {
            var sum = live.Journal.Where(entry => entry.PsnNo == psnNo && entry.Year == scenario.Year)
                .Aggregate(new YearChange(), (total, entry) => total.Plus(entry.Change));
            var person = live.Ledger.Members[psnNo].Years.Get(scenario.Year);
            Assert.Equal((person.Totals, person.CriticalBase, person.HighCostCount, person.InpatientDeductiblePaid),
                (sum.Totals, sum.CriticalBase, sum.HighCostCount, sum.DeductiblePaid));
        }
    }

    [Property(MaxTest = Runs, EndSize = SeedRange)]
    public void Every_entry_conserves_money_and_leaves_no_negative_total(int seed)
    {
        var scenario = HistoryScenario.From(seed);
        var (live, _, _, _) = Run(scenario);
        foreach (var entry in live.Journal)
        {
            var totals = entry.Change.Totals;
            Assert.Equal(totals.Total, totals.FundPay + totals.SelfPay);
        }
        foreach (var member in live.Ledger.Members.Values)
        {
            member.Years.Get(scenario.Year).Totals.AssertInvariants("person");
        }
    }

    [Property(MaxTest = Runs, EndSize = SeedRange)]
    public void A_rebuild_from_the_journal_is_the_ledger_that_wrote_it(int seed)
    {
        var scenario = HistoryScenario.From(seed);
        var (live, _, _, profiles) = Run(scenario);
        var rebuilt = HouseholdLedger.Of("H", profiles.Values);
        rebuilt.Rebuild(live.Journal, live.Policies);
        AssertSame(seed, live.Ledger, rebuilt, scenario.Year);
    }

    [Property(MaxTest = Runs, EndSize = SeedRange)]
    public void A_snapshot_plus_the_journal_tail_is_the_ledger_that_wrote_it(int seed, byte cut)
    {
        var scenario = HistoryScenario.From(seed);
        var live = new LedgerBook("H", Scenario.Catalogue);
        HouseholdLedgerState? snapshot = null;
        var (_, _, _, profiles) = Run(scenario, live, (step, book) => snapshot = step == cut % (scenario.Steps.Length + 1) ? book.Ledger.Export() : snapshot);
        snapshot ??= live.Ledger.Export();
        var restored = HouseholdLedger.Restore("H", snapshot, [.. profiles.Values])!;
        foreach (var entry in live.Journal.Where(entry => entry.Position > snapshot.Position))
        {
            restored.Apply(entry);
        }
        AssertSame(seed, live.Ledger, restored, scenario.Year);
    }

    private static void AssertSame(int seed, HouseholdLedger expected, HouseholdLedger actual, int year)
    {
        foreach (var (psnNo, member) in expected.Members)
        {
            Assert.True(member.Years.Get(year) == actual.Members[psnNo].Years.Get(year),
                $"seed {seed}: {psnNo} is {actual.Members[psnNo].Years.Get(year)}, the ledger that wrote the journal has {member.Years.Get(year)}");
        }
        Assert.True(expected.Years.Get(year) == actual.Years.Get(year), $"seed {seed}: household {actual.Years.Get(year)} vs {expected.Years.Get(year)}");
        Assert.True(Reached(expected.Openings).SequenceEqual(Reached(actual.Openings)),
            $"seed {seed}: levels reached [{string.Join("; ", Reached(actual.Openings))}] vs [{string.Join("; ", Reached(expected.Openings))}]");
    }

    /// <summary>The surviving settlements recorded into a new ledger in settlement-time order with the final profiles.</summary>
    private static LedgerBook Fresh(int seed, List<HistoryStep.Settle> recorded, HashSet<string> reversed, Dictionary<string, MemberProfile> profiles)
    {
        var fresh = new LedgerBook("H", Scenario.Catalogue);
        foreach (var profile in profiles.Values)
        {
            Assert.Null(fresh.Register(profile).GetAwaiter().GetResult().Refusal);
        }
        foreach (var settlement in recorded.Where(step => !reversed.Contains(step.Key.SetlId)).OrderBy(step => step.Key))
        {
            var plan = fresh.Settle(settlement.PsnNo, settlement.Key, settlement.Dated).GetAwaiter().GetResult();
            Assert.True(plan.Entries.Count == 1, $"seed {seed}: a replay in settlement-time order is never late ({settlement.Key.SetlId})");
        }
        return fresh;
    }

    /// <summary>The open levels as the projections fold the journal's events: the last opening of each level not cleared since.</summary>
    private static List<EntryEvent> FoldedOpenings(IEnumerable<JournalEntry> journal)
    {
        var open = new Dictionary<LevelKey, EntryEvent>();
        foreach (var fired in journal.OrderBy(entry => entry.Position).SelectMany(entry => entry.Events).Where(fired => fired.Kind != EntryEventKind.CapApplied))
        {
            if (fired.Kind == EntryEventKind.Cleared)
            {
                open.Remove(LevelKey.Of(fired));
            }
            else
            {
                open[LevelKey.Of(fired)] = fired;
            }
        }
        return [.. open.Values];
    }

    /// <summary>Each open level with the settlement and threshold it was reached at, in a stable order.</summary>
    private static List<string> Reached(IEnumerable<EntryEvent> openings) =>
        [.. openings.Select(opening => $"{opening.SubjectId} {opening.Rule} {opening.Level} at {opening.At.SetlId} over {opening.Threshold}").Order(StringComparer.Ordinal)];

    private static (LedgerBook Live, List<HistoryStep.Settle> Recorded, HashSet<string> Reversed, Dictionary<string, MemberProfile> Profiles) Run(
        HistoryScenario scenario, LedgerBook? book = null, Action<int, LedgerBook>? afterStep = null)
    {
        var live = book ?? new LedgerBook("H", Scenario.Catalogue);
        var profiles = scenario.Members.ToDictionary(member => member.PsnNo);
        foreach (var profile in scenario.Members)
        {
            Assert.Null(live.Register(profile).GetAwaiter().GetResult().Refusal);
        }
        var recorded = new List<HistoryStep.Settle>();
        var reversed = new HashSet<string>();
        for (var index = 0; index < scenario.Steps.Length; index++)
        {
            afterStep?.Invoke(index, live);
            switch (scenario.Steps[index])
            {
                case HistoryStep.Settle settle:
                    if (live.Settle(settle.PsnNo, settle.Key, settle.Dated).GetAwaiter().GetResult().Refusal is null)
                    {
                        recorded.Add(settle);
                    }
                    break;
                case HistoryStep.Reverse reverse:
                    if (live.Reverse(reverse.PsnNo, reverse.SetlId).GetAwaiter().GetResult().Refusal is null)
                    {
                        reversed.Add(reverse.SetlId);
                    }
                    break;
                case HistoryStep.Move move:
                    if (live.Move(profiles[move.Profile.PsnNo], move.Profile).GetAwaiter().GetResult().Refusal is null)
                    {
                        profiles[move.Profile.PsnNo] = move.Profile;
                    }
                    break;
                case HistoryStep.Register register:
                    if (live.Register(register.Profile).GetAwaiter().GetResult().Refusal is null)
                    {
                        profiles[register.Profile.PsnNo] = register.Profile;
                    }
                    break;
            }
        }
        return (live, recorded, reversed, profiles);
    }
}

using FsCheck.Xunit;
using Ledger.Policy.Households;
using Ledger.Policy.Tests.Properties;

namespace Ledger.Policy.Tests.Households;

/// <summary>
/// The history property with two households sharing one journal: a move takes the member to the other
/// household (its settlements with it), and each household ends as a fresh replay of its final members'
/// surviving settlements in settlement-time order, the money of the household left and of the household
/// joined both re-adjudicated at the move.
/// </summary>
public sealed class MoveProperties
{
    /// <summary>
    /// More runs than the other properties (most scenarios have one member or no move and end at once): a
    /// move that changes another member's money needs a household rule binding before it (with the household
    /// left's re-adjudication taken out, the first failing seed of one run came at run 1 435). The seed it
    /// found is kept as a fact of its own, so the property's teeth do not depend on the draw.
    /// </summary>
    private const int Runs = 6000;

    /// <summary>As <see cref="HistoryProperties"/>: spread the seeds so that moves which change money are met.</summary>
    private const int SeedRange = 1_000_000;

    /// <summary>Jinhua, three members: P2 stays in H1 while a member whose settlements bound the household cap with it moves out.</summary>
    [Fact]
    public void A_move_out_of_a_household_whose_cap_bound_gives_the_warm_fund_back() =>
        Moves_between_two_households_end_each_household_as_a_fresh_replay_of_its_members(106_421);

    /// <summary>
    /// Jinhua: the household left, rebuilt without the mover from settlements split with it, reads a household
    /// level neither its journal nor the replay holds; planned against the journal's levels, its departure
    /// journals no event for it, so the household is rebuilt once the departure is committed.
    /// </summary>
    [Fact]
    public void A_household_left_whose_levels_folded_from_the_old_splits_are_not_the_journals_ends_as_a_fresh_replay() =>
        Moves_between_two_households_end_each_household_as_a_fresh_replay_of_its_members(57_811);

    [Property(MaxTest = Runs, EndSize = SeedRange)]
    public void Moves_between_two_households_end_each_household_as_a_fresh_replay_of_its_members(int seed)
    {
        var scenario = HistoryScenario.From(seed);
        if (scenario.Members.Length < 2 || !scenario.Steps.OfType<HistoryStep.Move>().Any())
        {
            return;
        }
        var journal = new List<JournalEntry>();
        var books = new[] { new LedgerBook("H1", Scenario.Catalogue, journal), new LedgerBook("H2", Scenario.Catalogue, journal) };
        var profiles = scenario.Members.ToDictionary(member => member.PsnNo);
        var home = scenario.Members.ToDictionary(member => member.PsnNo, _ => 0);
        foreach (var profile in scenario.Members)
        {
            Assert.Null(books[0].Register(profile).GetAwaiter().GetResult().Refusal);
        }
        var recorded = new List<HistoryStep.Settle>();
        var reversed = new HashSet<string>();
        foreach (var step in scenario.Steps)
        {
            switch (step)
            {
                case HistoryStep.Settle settle:
                    if (books[home[settle.PsnNo]].Settle(settle.PsnNo, settle.Key, settle.Dated).GetAwaiter().GetResult().Refusal is null)
                    {
                        recorded.Add(settle);
                    }
                    break;
                case HistoryStep.Reverse reverse:
                    if (books[home[reverse.PsnNo]].Reverse(reverse.PsnNo, reverse.SetlId).GetAwaiter().GetResult().Refusal is null)
                    {
                        reversed.Add(reverse.SetlId);
                    }
                    break;
                case HistoryStep.Move move:
                    var psnNo = move.Profile.PsnNo;
                    var (left, joined) = (home[psnNo], 1 - home[psnNo]);
                    if (books[left].MoveTo(books[joined], profiles[psnNo], move.Profile).GetAwaiter().GetResult().Arrival.Refusal is null)
                    {
                        (profiles[psnNo], home[psnNo]) = (move.Profile, joined);
                    }
                    break;
                case HistoryStep.Register register:
                    if (books[home[register.Profile.PsnNo]].Register(register.Profile).GetAwaiter().GetResult().Refusal is null)
                    {
                        profiles[register.Profile.PsnNo] = register.Profile;
                    }
                    break;
            }
        }

        var year = scenario.Year;
        foreach (var book in books.Where(book => book.Ledger.Members.Count > 0))
        {
            var fresh = new LedgerBook(book.Ledger.HouseholdId, Scenario.Catalogue);
            foreach (var psnNo in book.Ledger.Members.Keys)
            {
                Assert.Null(fresh.Register(profiles[psnNo]).GetAwaiter().GetResult().Refusal);
            }
            foreach (var settlement in recorded.Where(step => !reversed.Contains(step.Key.SetlId) && book.Ledger.Members.ContainsKey(step.PsnNo)).OrderBy(step => step.Key))
            {
                Assert.Single(fresh.Settle(settlement.PsnNo, settlement.Key, settlement.Dated).GetAwaiter().GetResult().Entries);
            }
            foreach (var psnNo in book.Ledger.Members.Keys)
            {
                var (expected, actual) = (fresh.Ledger.Members[psnNo].Years.Get(year), book.Ledger.Members[psnNo].Years.Get(year));
                Assert.True(expected == actual, $"seed {seed}: {psnNo} in {book.Ledger.HouseholdId} is {actual}, a fresh replay gives {expected}");
            }
            var (household, replayed) = (book.Ledger.Years.Get(year).Year, fresh.Ledger.Years.Get(year).Year);
            Assert.True(household == replayed, $"seed {seed}: household {book.Ledger.HouseholdId} is {household}, a fresh replay gives {replayed}");
            // The household's levels as the projections fold the journal's events are those its ledger holds.
            var (journaled, held) = (HouseholdLevels(journal, book.Ledger.HouseholdId), HouseholdLevels(book.Ledger.Openings, book.Ledger.HouseholdId));
            Assert.True(journaled.SequenceEqual(held),
                $"seed {seed}: household {book.Ledger.HouseholdId} journaled [{string.Join("; ", journaled)}], holds [{string.Join("; ", held)}]");
            // The years hold the sums of the journal: each member's entries, whichever household wrote them.
            foreach (var psnNo in book.Ledger.Members.Keys)
            {
                var sum = journal.Where(entry => entry.PsnNo == psnNo && entry.Year == year).Aggregate(new YearChange(), (total, entry) => total.Plus(entry.Change));
                Assert.Equal(sum.Totals, book.Ledger.Members[psnNo].Years.Get(year).Totals);
            }
        }
    }

    /// <summary>The household's open levels by the journal's events: the last opening of each not cleared since.</summary>
    private static List<string> HouseholdLevels(List<JournalEntry> journal, string householdId)
    {
        var open = new Dictionary<LevelKey, EntryEvent>();
        foreach (var fired in journal.OrderBy(entry => entry.Position).SelectMany(entry => entry.Events)
            .Where(fired => fired.Kind != EntryEventKind.CapApplied && fired.HouseholdSubject && fired.SubjectId == householdId))
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
        return HouseholdLevels(open.Values, householdId);
    }

    private static List<string> HouseholdLevels(IEnumerable<EntryEvent> openings, string householdId) =>
        [.. openings.Where(opening => opening.HouseholdSubject && opening.SubjectId == householdId)
            .Select(opening => $"{opening.Rule} {opening.Level} at {opening.At.SetlId} over {opening.Threshold}").Order(StringComparer.Ordinal)];
}

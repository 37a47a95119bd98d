using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Policy.Tests.Properties;
using Ledger.Shared;

namespace Ledger.Policy.Tests.Households;

/// <summary>
/// A move between two households sharing one journal (Jinhua: household cap 50 000, the warm fund pays
/// above it): both are re-adjudicated at the move, cause member_moved, and each ends as a fresh replay
/// of its members' surviving settlements in settlement-time order.
/// </summary>
public sealed class MoveTests
{
    private const string Region = "330702";
    private static readonly IdentityPeriod[] Dibao = [new(Identities.Dibao, new DateOnly(2021, 3, 1), null)];

    private readonly List<JournalEntry> _journal = [];

    /// <summary>
    /// A and B dibao in H1: A's March 30 000 (self-pay 21 245), B's June 37 755 (self-pay 29 000 before the
    /// cap: 21 245 + 29 000 − 50 000 = 245 from the warm fund). C dibao in H2: the same June bill, alone
    /// under the cap. A moves to H2: B's June is re-split without A (warm fund −245), C's June with A's
    /// March before it (warm fund +245), each caused by A's move.
    /// </summary>
    [Fact]
    public async Task A_move_re_adjudicates_the_household_left_and_the_household_joined_at_the_move()
    {
        var (left, joined, a) = await MoverAWithBInH1AndCInH2();
        await left.Settle("A", Key("S-A", 3), Inpatient(3, 30_000m));
        var june = await left.Settle("B", Key("S-B", 6), Inpatient(6, 37_755m));
        Assert.Equal(245m, june.Entries[0].Change.Totals.WarmFund);
        await joined.Settle("C", Key("S-C", 6), Inpatient(6, 37_755m));

        var (arrival, departure) = await left.MoveTo(joined, a, a);

        Assert.Equal([("S-C", "C", 245m, -245m, AdjustmentCause.MemberMoved, "A")], Adjusted(arrival));
        Assert.Equal([("S-B", "B", -245m, 245m, AdjustmentCause.MemberMoved, "A")], Adjusted(departure));
        // The move's mark comes first: from it on, A's settlements of the years H2 keeps open (2021, 2022) count in H2.
        Assert.Equal((EntryKind.Moved, "A", "H2", 2021, 0m), (arrival.Entries[0].Kind, arrival.Entries[0].PsnNo, arrival.Entries[0].HouseholdId,
            arrival.Entries[0].Year, arrival.Entries[0].Change.Totals.Total));
        AssertFresh(left, ("B", Key("S-B", 6), Inpatient(6, 37_755m)));
        AssertFresh(joined, ("A", Key("S-A", 3), Inpatient(3, 30_000m)), ("C", Key("S-C", 6), Inpatient(6, 37_755m)));
        // Planned again, the departure finds nothing more to adjust.
        Assert.Empty(left.Ledger.PlanDeparture("A", _journal, left.Policies, LedgerBook.Now).Entries);
    }

    /// <summary>
    /// The household levels follow the move in the journal too: H1's household cap, crossed at B's June with
    /// A in H1, clears (crossed, then warning) at that same settlement without A; H2's is now reached at C's
    /// June with A's March before it. Folding each household's journaled events gives the levels its ledger holds.
    /// </summary>
    [Fact]
    public async Task A_move_journals_the_household_levels_it_opens_in_the_household_joined_and_clears_in_the_household_left()
    {
        var (left, joined, a) = await MoverAWithBInH1AndCInH2();
        await left.Settle("A", Key("S-A", 3), Inpatient(3, 30_000m));
        await left.Settle("B", Key("S-B", 6), Inpatient(6, 37_755m));
        await joined.Settle("C", Key("S-C", 6), Inpatient(6, 37_755m));
        Assert.Equal(["H1 HouseholdCap Warning at S-B", "H1 HouseholdCap Crossed at S-B"], HouseholdLevels(_journal));

        var (arrival, departure) = await left.MoveTo(joined, a, a);

        Assert.Equal(["Warning HouseholdCap Warning H2 at S-C", "Crossed HouseholdCap Crossed H2 at S-C"], HouseholdEvents(arrival));
        Assert.Equal(["Cleared HouseholdCap Crossed H1 at S-B", "Cleared HouseholdCap Warning H1 at S-B"], HouseholdEvents(departure));
        Assert.Equal(["H2 HouseholdCap Warning at S-C", "H2 HouseholdCap Crossed at S-C"], HouseholdLevels(_journal));
        AssertLevelsAsJournaledAndDepartureDone(left, joined);
    }

    /// <summary>
    /// A move that changes no split but a household level: A's March (self-pay 21 245) and B's June 28 000
    /// (19 245) take H1 past the household cap's warning (40 000) and not to the cap; without A, H1's warning
    /// clears, journaled on an adjustment of no amount of B's June (cause member_moved); with A, C's June
    /// 28 000 takes H2 past it, journaled with A's admission.
    /// </summary>
    [Fact]
    public async Task A_move_that_changes_no_split_journals_the_household_levels_on_an_adjustment_of_no_amount()
    {
        var (left, joined, a) = await MoverAWithBInH1AndCInH2();
        await left.Settle("A", Key("S-A", 3), Inpatient(3, 30_000m));
        await left.Settle("B", Key("S-B", 6), Inpatient(6, 28_000m));
        await joined.Settle("C", Key("S-C", 6), Inpatient(6, 28_000m));
        Assert.Equal(["H1 HouseholdCap Warning at S-B"], HouseholdLevels(_journal));

        var (arrival, departure) = await left.MoveTo(joined, a, a);

        Assert.Equal(["Warning HouseholdCap Warning H2 at S-C"], HouseholdEvents(arrival));
        Assert.Empty(Adjusted(arrival));
        var carrier = CarrierOf(departure);
        Assert.Equal((EntryKind.Adjusted, "S-B", "B", "H1", new YearChange(), AdjustmentCause.MemberMoved, "A"),
            (carrier.Kind, carrier.SetlId, carrier.PsnNo, carrier.HouseholdId, carrier.Change, carrier.Cause, carrier.CauseId));
        Assert.Equal(["Cleared HouseholdCap Warning H1 at S-B"], HouseholdEvents(departure));
        Assert.Equal(["H2 HouseholdCap Warning at S-C"], HouseholdLevels(_journal));
        AssertLevelsAsJournaledAndDepartureDone(left, joined);
    }

    /// <summary>
    /// A household left with no settlement of the year, under the test policy that lists the household
    /// coverage rule (a single settlement can cross it; Jinhua's household cap needs two members, each held
    /// to 30 000): A's May 25 000 all own-pay takes H1's coverage to 0, below 80 %; B, the other member,
    /// settled nothing. Without A, H1's level clears, journaled on an adjustment of no amount of A's May
    /// written by H1 (cause member_moved); with A, H2 (C, no settlement) crosses it, with A's admission.
    /// </summary>
    [Fact]
    public async Task A_household_left_with_no_settlement_of_the_year_clears_its_household_levels()
    {
        var (left, joined) = (CoverageBook("H1"), CoverageBook("H2"));
        await left.Register(Covered("A"));
        await left.Register(Covered("B"));
        await joined.Register(Covered("C"));
        await CrossCoverage(left);

        var (arrival, departure) = await left.MoveTo(joined, Covered("A"), Covered("A"));

        AssertClearedOnAsJournaled(left, joined, arrival, departure);
    }

    /// <summary>The same with A alone in H1: the household the move leaves empty clears its level too.</summary>
    [Fact]
    public async Task A_household_left_empty_clears_its_household_levels()
    {
        var (left, joined) = (CoverageBook("H1"), CoverageBook("H2"));
        await left.Register(Covered("A"));
        await joined.Register(Covered("C"));
        await CrossCoverage(left);

        var (arrival, departure) = await left.MoveTo(joined, Covered("A"), Covered("A"));

        Assert.Empty(left.Ledger.Members);
        AssertClearedOnAsJournaled(left, joined, arrival, departure);
    }

    /// <summary>
    /// The household left keeps the years its members settled in, as a reload does: B settled in 2023 and
    /// 2024 in H1, A (moving to H2) in 2025. Rebuilt with A's 2025 in its history, H1 kept 2025 and 2024 and
    /// read 2023 as closed; a reload, from its members' journal, keeps 2024 and 2023, so a late 2023
    /// settlement of B was refused or accepted depending on whether H1 had reloaded since.
    /// </summary>
    [Fact]
    public async Task The_household_left_keeps_the_years_a_reload_from_its_members_journal_keeps()
    {
        var (left, joined) = (CoverageBook("H1"), CoverageBook("H2"));
        await left.Register(Covered("A"));
        await left.Register(Covered("B"));
        await joined.Register(Covered("C"));
        await left.Settle("B", YearKey("S-B23", 2023), Small(2023));
        await left.Settle("B", YearKey("S-B24", 2024), Small(2024));
        await left.Settle("A", YearKey("S-A25", 2025), Small(2025));
        Assert.True(left.Ledger.IsClosed(2023));

        await left.MoveTo(joined, Covered("A"), Covered("A"));

        var reloaded = HouseholdLedger.Of("H1", [Covered("B")]);
        reloaded.Rebuild([.. _journal.Where(entry => entry.PsnNo == "B")], left.Policies);
        Assert.Equal([2024, 2023], left.Ledger.Years.Entries().Select(year => year.Year));
        Assert.Equal(reloaded.Years.Entries(), left.Ledger.Years.Entries());
        Assert.Equal(reloaded.Members["B"].Years.Entries(), left.Ledger.Members["B"].Years.Entries());
        Assert.Equal(Reached(reloaded.Openings), Reached(left.Ledger.Openings));
        Assert.False(left.Ledger.IsClosed(2023));
        // A late 2023 settlement of B is taken, as it is after a reload.
        var late = await left.Settle("B", new SettlementKey(new DateTimeOffset(2023, 2, 5, 10, 0, 0, ChinaTime.Offset), "S-B23-late"), Small(2023, 2));
        Assert.Null(late.Refusal);
        Assert.Equal((EntryKind.Recorded, "S-B23-late", 2023), (late.Entries[0].Kind, late.Entries[0].SetlId, late.Entries[0].Year));
    }

    private static SettlementKey YearKey(string setlId, int year) => new(new DateTimeOffset(year, 5, 5, 10, 0, 0, ChinaTime.Offset), setlId);

    private static Claim Small(int year, int month = 5) => new(new DateOnly(year, month, 5), MedicalType.Inpatient, 2, 1_000m, 1_000m);

    /// <summary>
    /// A moves H3 → H1 → H2 in one year: H1 (B, no settlement) clears the coverage level A's arrival crossed
    /// there on an adjustment of no amount of A's May, whose latest entry is H3's (H3's departure carried its
    /// own clearing on it). The carrier is H1's entry of no amount: the projections re-place no settlement on
    /// it (<c>ProjectionFold</c>, <c>MoveCarrierFoldTests</c>), so A's May stays where they counted it.
    /// </summary>
    [Fact]
    public async Task A_second_move_in_a_year_clears_the_household_left_on_an_adjustment_of_no_amount_of_a_settlement_another_household_wrote_last()
    {
        var (first, left, joined) = (CoverageBook("H3"), CoverageBook("H1"), CoverageBook("H2"));
        await first.Register(Covered("A"));
        await left.Register(Covered("B"));
        await joined.Register(Covered("C"));
        var may = await first.Settle("A", May, new Claim(new DateOnly(2022, 5, 5), MedicalType.Inpatient, 2, 25_000m, 0m, FullOwnPay: 25_000m));
        Assert.Equal(["Crossed CoverageBelowTarget Crossed H3 at S-A"], HouseholdEvents(may));
        var (toLeft, fromFirst) = await first.MoveTo(left, Covered("A"), Covered("A"));
        Assert.Equal(["Crossed CoverageBelowTarget Crossed H1 at S-A"], HouseholdEvents(toLeft));
        Assert.Equal("H3", CarrierOf(fromFirst, "H3").HouseholdId);

        var (_, departure) = await left.MoveTo(joined, Covered("A"), Covered("A"));

        var carrier = CarrierOf(departure);
        // The journal's last two entries are H1's carrier and mark: before them, H3's carrier was S-A's latest entry.
        Assert.Equal("H3", _journal.Where(entry => entry.SetlId == "S-A" && entry.Position < _journal.Count - 1).MaxBy(entry => entry.Position)!.HouseholdId);
        Assert.Equal((EntryKind.Adjusted, "S-A", "A", "H1", new YearChange(), AdjustmentCause.MemberMoved, "A"),
            (carrier.Kind, carrier.SetlId, carrier.PsnNo, carrier.HouseholdId, carrier.Change, carrier.Cause, carrier.CauseId));
        Assert.Equal(["Cleared CoverageBelowTarget Crossed H1 at S-A"], HouseholdEvents(departure));
        Assert.Equal(["H2 CoverageBelowTarget Crossed at S-A"], HouseholdLevels(_journal));
    }

    private static readonly SettlementKey May = new(new DateTimeOffset(2022, 5, 5, 10, 0, 0, ChinaTime.Offset), "S-A");

    private LedgerBook CoverageBook(string householdId) =>
        new(householdId, PolicyLoader.Load([("coverage.yaml", Tests.Engine.CoverageRulePolicy.Yaml)]), _journal);

    private static MemberProfile Covered(string psnNo) =>
        new(psnNo, "990000", Residence.Rural, [new IdentityPeriod(Identities.Dibao, new DateOnly(2020, 1, 1), null)]);

    private async Task CrossCoverage(LedgerBook left)
    {
        var may = await left.Settle("A", May, new Claim(new DateOnly(2022, 5, 5), MedicalType.Inpatient, 2, 25_000m, 0m, FullOwnPay: 25_000m));
        Assert.Equal(["Crossed CoverageBelowTarget Crossed H1 at S-A"], HouseholdEvents(may));
        Assert.Equal(["H1 CoverageBelowTarget Crossed at S-A"], HouseholdLevels(_journal));
    }

    /// <summary>
    /// H2 crosses at A's May with A's admission; H1's level clears on one adjustment of no amount of A's May
    /// written by H1, at A's May, with the coverage of what is left (none: 1) and the rule's 0.80. The
    /// journal's household levels are H2's only, as the ledgers hold them; planned again, the departure
    /// journals nothing.
    /// </summary>
    private void AssertClearedOnAsJournaled(LedgerBook left, LedgerBook joined, LedgerPlan arrival, LedgerPlan departure)
    {
        Assert.Equal(["Crossed CoverageBelowTarget Crossed H2 at S-A"], HouseholdEvents(arrival));
        var carrier = CarrierOf(departure);
        Assert.Equal((EntryKind.Adjusted, "S-A", "A", "H1", new YearChange(), AdjustmentCause.MemberMoved, "A"),
            (carrier.Kind, carrier.SetlId, carrier.PsnNo, carrier.HouseholdId, carrier.Change, carrier.Cause, carrier.CauseId));
        var cleared = Assert.Single(carrier.Events);
        Assert.Equal((EntryEventKind.Cleared, Rule.CoverageBelowTarget, Level.Crossed, true, "H1", 1m, 0.80m, May),
            (cleared.Kind, cleared.Rule, cleared.Level, cleared.HouseholdSubject, cleared.SubjectId, cleared.Value, cleared.Threshold, cleared.At));
        Assert.Equal(["H2 CoverageBelowTarget Crossed at S-A"], HouseholdLevels(_journal));
        AssertLevelsAsJournaledAndDepartureDone(left, joined);
    }

    [Fact]
    public async Task A_mover_whose_settlements_change_nothing_in_either_household_moves_with_its_marks_and_identity_entry_only()
    {
        var (left, joined, a) = await MoverAWithBInH1AndCInH2();
        await left.Settle("A", Key("S-A", 3), Inpatient(3, 3_000m));
        await left.Settle("B", Key("S-B", 6), Inpatient(6, 3_000m));

        var (arrival, departure) = await left.MoveTo(joined, a, a);

        Assert.Equal([EntryKind.Moved, EntryKind.IdentityChanged], arrival.Entries.Select(entry => entry.Kind));
        // H1 wrote A's settlement: its departure, which changes nothing, is marked all the same, so a resend need not ask it.
        Assert.Equal([(EntryKind.Departed, "A", "H1")], departure.Entries.Select(entry => (entry.Kind, entry.PsnNo, entry.HouseholdId)));
    }

    /// <summary>
    /// A household's departure of a member is done once it is marked after the member last joined it: A leaves H1
    /// (H1, which wrote A's settlement, marks it), comes back (A's move into H1 makes that mark stale) and leaves
    /// again (H1 marks it again). Once marked, the departure plans nothing.
    /// </summary>
    [Fact]
    public async Task A_departure_is_done_once_marked_after_the_member_last_joined_that_household()
    {
        var (left, joined, a) = await MoverAWithBInH1AndCInH2();
        await left.Settle("A", Key("S-A", 3), Inpatient(3, 30_000m));
        await joined.Settle("C", Key("S-C", 6), Inpatient(6, 37_755m));

        await left.MoveTo(joined, a, a);
        var firstLeft = HouseholdLedger.DepartureDone(_journal, "A", "H1");
        await joined.MoveTo(left, a, a);
        var back = HouseholdLedger.DepartureDone(_journal, "A", "H1");
        var (_, again) = await left.MoveTo(joined, a, a);

        Assert.Equal((true, false, true), (firstLeft, back, HouseholdLedger.DepartureDone(_journal, "A", "H1")));
        Assert.Equal((EntryKind.Departed, 2), (again.Entries[^1].Kind, _journal.Count(entry => entry.Kind == EntryKind.Departed && entry.HouseholdId == "H1")));
        Assert.Empty(left.Ledger.PlanDeparture("A", _journal, left.Policies, LedgerBook.Now).Entries);
    }

    /// <summary>A departure that changes no split: one adjustment of no amount carrying its levels' clearing, then the departure's mark.</summary>
    private static JournalEntry CarrierOf(LedgerPlan departure, string householdLeft = "H1")
    {
        Assert.Equal([(EntryKind.Adjusted, householdLeft), (EntryKind.Departed, householdLeft)],
            departure.Entries.Select(entry => (entry.Kind, entry.HouseholdId)));
        Assert.Equal("A", departure.Entries[1].PsnNo);
        return departure.Entries[0];
    }

    /// <summary>A (the mover) and B registered in H1, C in H2, each a rural dibao member.</summary>
    private async Task<(LedgerBook Left, LedgerBook Joined, MemberProfile A)> MoverAWithBInH1AndCInH2()
    {
        var (left, joined) = (Book("H1"), Book("H2"));
        var a = Member("A");
        await left.Register(a);
        await left.Register(Member("B"));
        await joined.Register(Member("C"));
        return (left, joined, a);
    }

    /// <summary>
    /// Both households' open household levels are the ones the journal leaves open, and the departure,
    /// planned again, finds nothing more to journal.
    /// </summary>
    private void AssertLevelsAsJournaledAndDepartureDone(LedgerBook left, LedgerBook joined)
    {
        Assert.Equal(Reached(left.Ledger.Openings.Concat(joined.Ledger.Openings).Where(opening => opening.HouseholdSubject)),
            Reached(FoldedOpenings(_journal).Where(opening => opening.HouseholdSubject)));
        Assert.Empty(left.Ledger.PlanDeparture("A", _journal, left.Policies, LedgerBook.Now).Entries);
    }

    private LedgerBook Book(string householdId) => new(householdId, Scenario.Catalogue, _journal);

    private static MemberProfile Member(string psnNo) => new(psnNo, Region, Residence.Rural, Dibao);

    private static SettlementKey Key(string setlId, int month) => new(new DateTimeOffset(2022, month, 1, 10, 0, 0, ChinaTime.Offset), setlId);

    /// <summary>A level-3 inpatient bill with 10 000 in scope, as the golden case "household cap binds …" has it.</summary>
    private static Claim Inpatient(int month, decimal total) =>
        new(new DateOnly(2022, month, 1), MedicalType.Inpatient, 3, total, 10_000m, FullOwnPay: total - 10_000m);

    private static List<(string, string, decimal, decimal, AdjustmentCause, string)> Adjusted(LedgerPlan plan) =>
        [.. plan.Entries.Where(entry => entry.Kind == EntryKind.Adjusted).Select(entry =>
            (entry.SetlId, entry.PsnNo, entry.Change.Totals.WarmFund, entry.Change.Totals.SelfPay, entry.Cause, entry.CauseId))];

    /// <summary>The household's year, members and open levels are those of a new household given its settlements in order.</summary>
    private static void AssertFresh(LedgerBook live, params (string PsnNo, SettlementKey Key, Claim Claim)[] settlements)
    {
        var fresh = new LedgerBook(live.Ledger.HouseholdId, Scenario.Catalogue);
        foreach (var psnNo in live.Ledger.Members.Keys)
        {
            Assert.Null(fresh.Register(Member(psnNo)).GetAwaiter().GetResult().Refusal);
        }
        foreach (var (psnNo, key, claim) in settlements)
        {
            Assert.Single(fresh.Settle(psnNo, key, claim).GetAwaiter().GetResult().Entries);
        }
        foreach (var psnNo in live.Ledger.Members.Keys)
        {
            Assert.Equal(fresh.Ledger.Members[psnNo].Years.Get(2022), live.Ledger.Members[psnNo].Years.Get(2022));
        }
        Assert.Equal(fresh.Ledger.Years.Get(2022).Year, live.Ledger.Years.Get(2022).Year);
        Assert.Equal(Reached(fresh.Ledger.Openings), Reached(live.Ledger.Openings));
    }

    private static List<string> HouseholdEvents(LedgerPlan plan) =>
        [.. plan.Entries.SelectMany(entry => entry.Events).Where(fired => fired.HouseholdSubject && fired.Kind != EntryEventKind.CapApplied)
            .Select(fired => $"{fired.Kind} {fired.Rule} {fired.Level} {fired.SubjectId} at {fired.At.SetlId}")];

    /// <summary>The household levels open by the journal's events, in the order they were journaled.</summary>
    private static List<string> HouseholdLevels(List<JournalEntry> journal) =>
        [.. FoldedOpenings(journal).Where(opening => opening.HouseholdSubject).Select(opening => $"{opening.SubjectId} {opening.Rule} {opening.Level} at {opening.At.SetlId}")];

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
                open.Remove(LevelKey.Of(fired));
                open[LevelKey.Of(fired)] = fired;
            }
        }
        return [.. open.Values];
    }

    private static List<string> Reached(IEnumerable<EntryEvent> openings) =>
        [.. openings.Select(opening => $"{opening.SubjectId} {opening.Rule} {opening.Level} at {opening.At.SetlId}").Order(StringComparer.Ordinal)];
}

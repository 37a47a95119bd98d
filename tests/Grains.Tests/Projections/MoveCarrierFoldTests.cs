using Ledger.Grains.Hosting;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Silo.Projections;
using Ledger.Shared;

namespace Ledger.Grains.Tests.Projections;

/// <summary>
/// A household a move left with no settlement of the year clears its household levels on an adjustment of
/// no amount of the mover's settlement (cause member_moved). After A moves H3 → H1 → H2 in one year, the latest entry
/// of A's May is H3's (its departure's carrier), so H1's carrier is an entry of H1 on a settlement the
/// projections counted in H3: folded as a settlement, it moved A's May (person-month, KPI settlement) to H1.
/// </summary>
public sealed class MoveCarrierFoldTests
{
    private static readonly PolicyCatalogue Policies = PolicyLoader.LoadDirectory(LedgerGrainServices.DefaultPolicyFolder);
    private static readonly DateTimeOffset May = new(2022, 5, 5, 10, 0, 0, ChinaTime.Offset);
    private static readonly DateTimeOffset Logged = new(2022, 12, 1, 9, 0, 0, ChinaTime.Offset);

    [Fact]
    public void An_adjustment_of_no_amount_carries_its_events_and_does_not_move_its_settlement_to_the_household_that_wrote_it()
    {
        var recorded = new JournalEntry
        {
            Position = 1, Kind = EntryKind.Recorded, SetlId = "S-A", PsnNo = "A", HouseholdId = "H3", RegionCode = "330702", Year = 2022,
            SetlTime = May, LoggedAt = Logged, PolicyId = "jinhua-2022", Context = new MemberContext(Identities.Dibao, Residence.Rural),
            Change = new YearChange(new YearTotals { Total = 25_000m, Basic = 12_500m, SelfPay = 12_500m, SettlementCount = 1 }, 0m, 0),
        };
        var level = new EntryEvent(EntryEventKind.Cleared, Rule.CoverageBelowTarget, Level.Crossed, true, "H1", 1m, 0.80m, new SettlementKey(May, "S-A"));
        var carrier = recorded with
        {
            Position = 9, Kind = EntryKind.Adjusted, HouseholdId = "H1", Claim = default, Change = default,
            Cause = AdjustmentCause.MemberMoved, CauseId = "A", Events = [level],
        };

        Assert.Equal("H3", Assert.Single(ProjectionFold.Changes(recorded, Policies).OfType<PersonMonthAdded>()).HouseholdId);
        var changes = ProjectionFold.Changes(carrier, Policies);

        Assert.Equal([typeof(AdjustmentRecorded), typeof(MonitoringClosed)], changes.Select(change => change.GetType()));
        var row = ((AdjustmentRecorded)changes[0]).Row;
        Assert.Equal((9L, "S-A", "A", "H1", "member_moved", "A", 0m, 0m), (row.Position, row.SetlId, row.PsnNo, row.HouseholdId, row.Cause, row.CauseId, row.MedfeeSumamt, row.PsnPartAmt));
        Assert.Equal(new MonitoringKey(SubjectTypes.Household, "H1", RuleCodes.ToCode(Rule.CoverageBelowTarget), 2022, RuleCodes.ToCode(Level.Crossed)),
            ((MonitoringClosed)changes[1]).Closed);
    }
}

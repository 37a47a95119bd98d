using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Shared;

namespace Ledger.Policy.Tests.Households;

/// <summary>The openings a ledger keeps of its open levels, through a snapshot.</summary>
public sealed class OpeningsTests
{
    private static readonly SettlementKey March = new(new DateTimeOffset(2022, 3, 1, 10, 0, 0, ChinaTime.Offset), "S-1");

    [Fact]
    public void A_snapshot_restores_the_opening_each_open_level_was_reached_with()
    {
        var opening = new EntryEvent(EntryEventKind.Crossed, Rule.CriticalDeductibleMet, Level.Crossed, false, "P-1", 12_700.00m, 10_164.75m, March);

        var restored = HouseholdLedger.Restore("H-1", Snapshot(opening), [Member()]);

        Assert.Equal(opening, restored!.OpeningOf(new LevelKey(2022, false, "P-1", Rule.CriticalDeductibleMet, Level.Crossed)));
    }

    [Fact]
    public void A_snapshot_with_an_open_level_but_no_opening_is_not_restored_so_the_household_is_rebuilt_from_its_journal()
    {
        Assert.Null(HouseholdLedger.Restore("H-1", Snapshot(), [Member()]));
    }

    /// <summary>P-1's 2022 with the critical deductible level open, and the given openings.</summary>
    private static HouseholdLedgerState Snapshot(params EntryEvent[] openings)
    {
        var years = new YearPair<HouseholdYearState>();
        years.Set(2022, new HouseholdYearState(default, March));
        var person = new YearPair<PersonYear>();
        person.Set(2022, new PersonYear { CriticalBase = 12_700.00m, Flags = default(ThresholdFlags).With(Rule.CriticalDeductibleMet, Level.Crossed) });
        return new HouseholdLedgerState(1, "350102", years, new Dictionary<string, YearPair<PersonYear>> { ["P-1"] = person }) { Openings = openings };
    }

    private static MemberProfile Member() => new("P-1", "350102", Residence.Rural, []);
}

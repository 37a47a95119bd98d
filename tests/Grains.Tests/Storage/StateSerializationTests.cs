using Ledger.Grains.Households;
using Ledger.Policy.Households;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ledger.Grains.Tests.Storage;

/// <summary>
/// Snapshots and journal entries go to PostgreSQL in Orleans' binary format, types named by alias: each
/// must come back equal, engine structs included, and no CLR type or assembly name may be stored.
/// </summary>
public sealed class StateSerializationTests
{
    private static readonly OrleansGrainStorageSerializer Serializer =
        new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public void A_household_snapshot_round_trips_through_the_storage_serializer_naming_types_by_alias_only()
    {
        // Money is stored in fen and read back with two decimals (zero as 0): amounts here are written that way too.
        var split = new Split(12_000.00m, 10_000.00m, 6_300.00m, 0m, 0m, 0m, 0m, 0m, 5_700.00m, 3_700.00m, false, CapBinding.None,
            DeductiblePaid: 1_000.00m);
        var personYear = new PersonYear { CriticalBase = 3_700.00m, HighCostCount = 1, Flags = new ThresholdFlags(0b101) };
        personYear.Apply(split, 1);
        var householdYear = new HouseholdYear { Flags = new ThresholdFlags(0b1000000) };
        householdYear.Apply(split, 1);
        var years = new YearPair<HouseholdYearState>();
        years.Set(2022, new HouseholdYearState(householdYear, new SettlementKey(new DateTimeOffset(2022, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)), "S-1")));
        var memberYears = new YearPair<PersonYear>();
        memberYears.Set(2022, personYear);
        var opening = new EntryEvent(EntryEventKind.Crossed, Rule.CriticalDeductibleMet, Level.Crossed, false, "P-1", 12_700.00m, 10_164.75m,
            new SettlementKey(new DateTimeOffset(2022, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)), "S-1"));
        var state = HouseholdSnapshot.Of(new HouseholdLedgerState(17, "350102", years, new Dictionary<string, YearPair<PersonYear>> { ["P-1"] = memberYears })
        {
            Openings = [opening],
        });

        var stored = Serializer.Serialize(state);
        var read = Serializer.Deserialize<HouseholdSnapshot>(stored)!.ToState();

        var bytes = System.Text.Encoding.UTF8.GetString(stored.ToArray());
        Assert.DoesNotContain(nameof(HouseholdSnapshot), bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("Ledger.Grains", bytes, StringComparison.Ordinal);
        Assert.Equal((17L, "350102"), (read.Position, read.RegionCode));
        Assert.Equal(years.Get(2022), read.Years.Get(2022));
        Assert.Equal(personYear, read.Members["P-1"].Get(2022));
        Assert.Equal([opening], read.Openings);
        Assert.True(read.DeductiblesKept);
    }

    [Fact]
    public void A_snapshot_written_before_the_deductibles_paid_were_kept_reads_as_such_and_is_not_restored()
    {
        // The release before wrote no field 5: its person-years hold no deductible paid, which would read as 0.
        var stored = Serializer.Serialize(new HouseholdSnapshot { Position = 3, RegionCode = "350102" });

        var read = Serializer.Deserialize<HouseholdSnapshot>(stored)!.ToState();

        Assert.False(read.DeductiblesKept);
        Assert.Null(HouseholdLedger.Restore("H-1", read, []));
    }

    [Fact]
    public void A_journal_entry_round_trips_through_the_serializer_with_signed_amounts_and_its_events()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var at = new SettlementKey(new DateTimeOffset(2022, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)), "S-2");
        var entry = new JournalEntry
        {
            Position = 5, Kind = EntryKind.Adjusted, SetlId = "S-2", PsnNo = "P-1", HouseholdId = "H-1", RegionCode = "350102", Year = 2022,
            SetlTime = at.SetlTime, LoggedAt = at.SetlTime.AddDays(90), PolicyId = "fujian-2022",
            Claim = new Claim(new DateOnly(2022, 3, 1), MedicalType.Inpatient, 3, 12_000.00m, 10_000.00m, 2_000.00m, PrepaidBasic: 6_300.00m,
                OtherPaid: 120.50m, Referral: true, HospitalRegion: "350203"),
            Context = new MemberContext(Identities.Dibao | Identities.PovertyAlleviated, Residence.Rural),
            Change = new YearChange(new YearTotals { Critical = 1_320.50m, SelfPay = -1_320.50m }, -0.01m, -1, -800.00m),
            CapBinding = CapBinding.Household, Cause = AdjustmentCause.Reversal, CauseId = "S-1", OtherPaidUnbooked = 1_053.25m,
            Events = [new EntryEvent(EntryEventKind.Cleared, Rule.CoverageBelowTarget, Level.Crossed, true, "H-1", 0.8123m, 0.8m, at),
                      new EntryEvent(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, false, "P-1", 24_077.70m, 23_229m, at)],
        };

        var read = serializer.Deserialize<JournalEntry>(serializer.SerializeToArray(entry))!;

        Assert.Equal(entry with { Events = [] }, read with { Events = [] });
        Assert.Equal(entry.Events, read.Events);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("12000.5")]
    [InlineData("-1234.56")]
    [InlineData("100000000.00")]
    public void Money_round_trips_through_fen_exactly_with_two_decimals(string yuan)
    {
        var amount = decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture);

        var back = Ledger.Grains.Serialization.Fen.ToYuan(Ledger.Grains.Serialization.Fen.From(amount));

        Assert.Equal(amount, back);
        Assert.Equal(amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), back.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Zero_reads_back_as_the_default_zero()
    {
        Assert.Equal("0", Ledger.Grains.Serialization.Fen.ToYuan(Ledger.Grains.Serialization.Fen.From(0.00m)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_amount_finer_than_a_fen_is_refused_not_rounded()
    {
        Assert.Throws<InvalidOperationException>(() => Ledger.Grains.Serialization.Fen.From(0.001m));
    }
}

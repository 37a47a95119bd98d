using System.Text.Json;
using Ledger.Contracts.Events;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Grains.Households;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ledger.Grains.Tests.Storage;

/// <summary>
/// Grain state goes to PostgreSQL in Orleans' binary format, types named by alias: every state type
/// must come back equal, engine structs included, and no CLR type or assembly name may be stored.
/// </summary>
public sealed class StateSerializationTests
{
    private static readonly OrleansGrainStorageSerializer Serializer =
        new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public void Household_state_round_trips_through_the_storage_serializer_naming_types_by_alias_only()
    {
        // Money is stored in fen and read back with two decimals (zero as 0): amounts here are written that way too.
        var split = new Split(12_000.00m, 10_000.00m, 6_300.00m, 0m, 0m, 0m, 0m, 0m, 5_700.00m, 3_700.00m, false, CapBinding.None);
        var personYear = new PersonYear { CriticalBase = 3_700.00m, HighCostCount = 1, Flags = new ThresholdFlags(0b101) };
        personYear.Apply(split, 1);
        var householdYear = new HouseholdYear { Flags = new ThresholdFlags(0b1000000) };
        householdYear.Apply(split, 1);
        var state = new HouseholdState
        {
            RegionCode = "350102",
            Members =
            {
                ["P-1"] = new MemberState
                {
                    Snapshot = new MemberSnapshot("P-1", "350102", "rural", [new IdentityRecord("dibao", new DateOnly(2021, 1, 1), null)]),
                    Years = { NewerYear = 2022, Newer = personYear },
                },
            },
            Years = { NewerYear = 2022, Newer = householdYear },
            Reversible =
            {
                new SettlementRecord
                {
                    SetlId = "S-1", PsnNo = "P-1", Year = 2022, Date = new DateOnly(2022, 3, 1), PolicyId = "fujian-2022",
                    RegionCode = "350102", Split = split, Member = new MemberContext(Identities.Dibao, Residence.Rural),
                },
            },
            SeenIds = { 42UL },
            Outbox = { new LedgerEvent { EventId = "H-1/S-1/0", Kind = EventKinds.SettlementRecorded, Identities = ["dibao"] } },
        };

        var stored = Serializer.Serialize(state);
        var read = Serializer.Deserialize<HouseholdState>(stored)!;

        var bytes = System.Text.Encoding.UTF8.GetString(stored.ToArray());
        Assert.DoesNotContain(nameof(HouseholdState), bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("Ledger.Grains", bytes, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(state), JsonSerializer.Serialize(read));
        Assert.Equal(personYear, read.Members["P-1"].Years.GetValueOrDefault(2022));
        Assert.Equal(split, read.Reversible[0].Split);
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

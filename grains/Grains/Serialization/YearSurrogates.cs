using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Serialization;

[GenerateSerializer, Alias("ledger.person-year")]
public struct PersonYearSurrogate
{
    [Id(0)] public YearTotals Totals;
    [Id(2)] public int HighCostCount;
    [Id(3)] public ushort Flags;
    [Id(4)] public long CriticalBaseFen;
    [Id(5)] public long InpatientDeductiblePaidFen;
}

[RegisterConverter]
public sealed class PersonYearConverter : IConverter<PersonYear, PersonYearSurrogate>
{
    public PersonYear ConvertFromSurrogate(in PersonYearSurrogate value) => new()
    {
        Totals = value.Totals, CriticalBase = Fen.ToYuan(value.CriticalBaseFen), HighCostCount = value.HighCostCount, Flags = new ThresholdFlags(value.Flags),
        InpatientDeductiblePaid = Fen.ToYuan(value.InpatientDeductiblePaidFen),
    };

    public PersonYearSurrogate ConvertToSurrogate(in PersonYear value) => new()
    {
        Totals = value.Totals, CriticalBaseFen = Fen.From(value.CriticalBase), HighCostCount = value.HighCostCount, Flags = value.Flags.Bits,
        InpatientDeductiblePaidFen = Fen.From(value.InpatientDeductiblePaid),
    };
}

[GenerateSerializer, Alias("ledger.household-year")]
public struct HouseholdYearSurrogate
{
    [Id(0)] public YearTotals Totals;
    [Id(1)] public ushort Flags;
}

[RegisterConverter]
public sealed class HouseholdYearConverter : IConverter<HouseholdYear, HouseholdYearSurrogate>
{
    public HouseholdYear ConvertFromSurrogate(in HouseholdYearSurrogate value) => new() { Totals = value.Totals, Flags = new ThresholdFlags(value.Flags) };

    public HouseholdYearSurrogate ConvertToSurrogate(in HouseholdYear value) => new() { Totals = value.Totals, Flags = value.Flags.Bits };
}

[GenerateSerializer, Alias("ledger.member-context")]
public struct MemberContextSurrogate
{
    [Id(0)] public Identities Identities;
    [Id(1)] public Residence Residence;
}

[RegisterConverter]
public sealed class MemberContextConverter : IConverter<MemberContext, MemberContextSurrogate>
{
    public MemberContext ConvertFromSurrogate(in MemberContextSurrogate value) => new(value.Identities, value.Residence);

    public MemberContextSurrogate ConvertToSurrogate(in MemberContext value) => new() { Identities = value.Identities, Residence = value.Residence };
}

using Ledger.Policy.Engine;

namespace Ledger.Grains.Serialization;

// The engine's value types live in the Orleans-free policy library; these surrogates give them
// Orleans' compact binary codec (grain state copies, calls) instead of a JSON fallback: a state write
// stays on the binary codec. Money is stored in fen (see Fen). Field ids are the wire
// contract: never renumber or reuse (ids 0-9 were decimal yuan before the ledger_grain_state table).

[GenerateSerializer, Alias("ledger.year-totals")]
public struct YearTotalsSurrogate
{
    [Id(9)] public int SettlementCount;
    [Id(10)] public long TotalFen;
    [Id(11)] public long PolicyScopeFen;
    [Id(12)] public long BasicFen;
    [Id(13)] public long CriticalFen;
    [Id(14)] public long AssistanceFen;
    [Id(15)] public long FloorFen;
    [Id(16)] public long SupplementaryFen;
    [Id(17)] public long WarmFundFen;
    [Id(18)] public long SelfPayFen;
}

[RegisterConverter]
public sealed class YearTotalsConverter : IConverter<YearTotals, YearTotalsSurrogate>
{
    public YearTotals ConvertFromSurrogate(in YearTotalsSurrogate value) => new()
    {
        Total = Fen.ToYuan(value.TotalFen), PolicyScope = Fen.ToYuan(value.PolicyScopeFen), Basic = Fen.ToYuan(value.BasicFen),
        Critical = Fen.ToYuan(value.CriticalFen), Assistance = Fen.ToYuan(value.AssistanceFen), Floor = Fen.ToYuan(value.FloorFen),
        Supplementary = Fen.ToYuan(value.SupplementaryFen), WarmFund = Fen.ToYuan(value.WarmFundFen), SelfPay = Fen.ToYuan(value.SelfPayFen),
        SettlementCount = value.SettlementCount,
    };

    public YearTotalsSurrogate ConvertToSurrogate(in YearTotals value) => new()
    {
        TotalFen = Fen.From(value.Total), PolicyScopeFen = Fen.From(value.PolicyScope), BasicFen = Fen.From(value.Basic),
        CriticalFen = Fen.From(value.Critical), AssistanceFen = Fen.From(value.Assistance), FloorFen = Fen.From(value.Floor),
        SupplementaryFen = Fen.From(value.Supplementary), WarmFundFen = Fen.From(value.WarmFund), SelfPayFen = Fen.From(value.SelfPay),
        SettlementCount = value.SettlementCount,
    };
}

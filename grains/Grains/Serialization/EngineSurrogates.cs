using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Serialization;

// The engine's value types live in the Orleans-free policy library; these surrogates give them
// Orleans' compact binary codec (grain state copies, calls) instead of a JSON fallback, which cost
// several times more per state write. Field ids are the wire contract: never renumber or reuse.

[GenerateSerializer, Alias("ledger.split")]
public struct SplitSurrogate
{
    [Id(0)] public decimal Total;
    [Id(1)] public decimal PolicyScope;
    [Id(2)] public decimal Basic;
    [Id(3)] public decimal Critical;
    [Id(4)] public decimal Assistance;
    [Id(5)] public decimal Floor;
    [Id(6)] public decimal Supplementary;
    [Id(7)] public decimal WarmFund;
    [Id(8)] public decimal SelfPay;
    [Id(9)] public decimal CriticalBase;
    [Id(10)] public bool IsHighCost;
    [Id(11)] public CapBinding CapBinding;
}

[RegisterConverter]
public sealed class SplitConverter : IConverter<Split, SplitSurrogate>
{
    public Split ConvertFromSurrogate(in SplitSurrogate value) => new(value.Total, value.PolicyScope, value.Basic,
        value.Critical, value.Assistance, value.Floor, value.Supplementary, value.WarmFund, value.SelfPay,
        value.CriticalBase, value.IsHighCost, value.CapBinding);

    public SplitSurrogate ConvertToSurrogate(in Split value) => new()
    {
        Total = value.Total, PolicyScope = value.PolicyScope, Basic = value.Basic, Critical = value.Critical,
        Assistance = value.Assistance, Floor = value.Floor, Supplementary = value.Supplementary, WarmFund = value.WarmFund,
        SelfPay = value.SelfPay, CriticalBase = value.CriticalBase, IsHighCost = value.IsHighCost, CapBinding = value.CapBinding,
    };
}

[GenerateSerializer, Alias("ledger.year-totals")]
public struct YearTotalsSurrogate
{
    [Id(0)] public decimal Total;
    [Id(1)] public decimal PolicyScope;
    [Id(2)] public decimal Basic;
    [Id(3)] public decimal Critical;
    [Id(4)] public decimal Assistance;
    [Id(5)] public decimal Floor;
    [Id(6)] public decimal Supplementary;
    [Id(7)] public decimal WarmFund;
    [Id(8)] public decimal SelfPay;
    [Id(9)] public int SettlementCount;
}

[RegisterConverter]
public sealed class YearTotalsConverter : IConverter<YearTotals, YearTotalsSurrogate>
{
    public YearTotals ConvertFromSurrogate(in YearTotalsSurrogate value) => new()
    {
        Total = value.Total, PolicyScope = value.PolicyScope, Basic = value.Basic, Critical = value.Critical,
        Assistance = value.Assistance, Floor = value.Floor, Supplementary = value.Supplementary, WarmFund = value.WarmFund,
        SelfPay = value.SelfPay, SettlementCount = value.SettlementCount,
    };

    public YearTotalsSurrogate ConvertToSurrogate(in YearTotals value) => new()
    {
        Total = value.Total, PolicyScope = value.PolicyScope, Basic = value.Basic, Critical = value.Critical,
        Assistance = value.Assistance, Floor = value.Floor, Supplementary = value.Supplementary, WarmFund = value.WarmFund,
        SelfPay = value.SelfPay, SettlementCount = value.SettlementCount,
    };
}

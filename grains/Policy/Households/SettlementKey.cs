namespace Ledger.Policy.Households;

/// <summary>
/// Where a settlement stands in its year: cumulative layers (deductibles, brackets, caps, limits)
/// count settlements in settlement-time order, ties broken by <c>setl_id</c> (ordinal), whatever order
/// they arrived in.
/// </summary>
public readonly record struct SettlementKey(DateTimeOffset SetlTime, string SetlId) : IComparable<SettlementKey>
{
    /// <summary>Before every settlement: the key of an empty year.</summary>
    public static readonly SettlementKey None = new(DateTimeOffset.MinValue, "");

    /// <summary>After every settlement: where a replay that recomputes nothing starts.</summary>
    public static readonly SettlementKey Never = new(DateTimeOffset.MaxValue, "");

    public int CompareTo(SettlementKey other)
    {
        var byTime = SetlTime.CompareTo(other.SetlTime);
        return byTime != 0 ? byTime : string.CompareOrdinal(SetlId, other.SetlId);
    }

    public static bool operator <(SettlementKey left, SettlementKey right) => left.CompareTo(right) < 0;

    public static bool operator >(SettlementKey left, SettlementKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(SettlementKey left, SettlementKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SettlementKey left, SettlementKey right) => left.CompareTo(right) >= 0;

    public static SettlementKey Max(SettlementKey left, SettlementKey right) => left >= right ? left : right;

    public static SettlementKey Min(SettlementKey left, SettlementKey right) => left <= right ? left : right;
}

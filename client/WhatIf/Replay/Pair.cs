using Ledger.Policy.Engine;

namespace Ledger.Client.WhatIf.Replay;

/// <summary>One figure under the baseline policy and under the changed one.</summary>
public record struct Pair<T>(T Before, T After);

/// <summary>Year totals under both policies, added up exactly (decimal sums do not depend on order).</summary>
public sealed class TotalsPair
{
    public YearTotals Before;
    public YearTotals After;

    public void Add(in YearTotals before, in YearTotals after)
    {
        Before.Apply(before, 1);
        After.Apply(after, 1);
    }

    public void Add(TotalsPair other) => Add(other.Before, other.After);
}

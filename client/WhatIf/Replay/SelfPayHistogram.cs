namespace Ledger.Client.WhatIf.Replay;

/// <summary>
/// The year's self-pay per person in fixed bins (yuan, lower bound inclusive), finer where most people
/// are and wide enough at the top to show who sits near the monitoring lines (one and two rural incomes).
/// Fixed edges keep two reports of different policies comparable bin by bin.
/// </summary>
public sealed class SelfPayHistogram
{
    public static readonly decimal[] LowerBounds =
        [0m, 500m, 1_000m, 2_000m, 3_000m, 5_000m, 8_000m, 10_000m, 15_000m, 20_000m, 25_000m, 30_000m, 40_000m, 50_000m, 75_000m, 100_000m];

    public long[] Before { get; } = new long[LowerBounds.Length];

    public long[] After { get; } = new long[LowerBounds.Length];

    public void Add(decimal before, decimal after)
    {
        Before[Bin(before)]++;
        After[Bin(after)]++;
    }

    public void Add(SelfPayHistogram other)
    {
        for (var i = 0; i < LowerBounds.Length; i++)
        {
            Before[i] += other.Before[i];
            After[i] += other.After[i];
        }
    }

    public static int Bin(decimal selfPay)
    {
        var bin = 0;
        while (bin + 1 < LowerBounds.Length && selfPay >= LowerBounds[bin + 1])
        {
            bin++;
        }
        return bin;
    }

    /// <summary>"0–500", …, "100 000+": the label of a bin as the report prints it.</summary>
    public static string Label(int bin) => bin + 1 < LowerBounds.Length
        ? $"{Short(LowerBounds[bin])}–{Short(LowerBounds[bin + 1])}"
        : $"{Short(LowerBounds[bin])}+";

    private static string Short(decimal yuan) => yuan >= 1_000m ? $"{yuan / 1_000m:0.#}k" : $"{yuan:0}";
}

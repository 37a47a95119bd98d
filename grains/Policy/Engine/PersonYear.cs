namespace Ledger.Policy.Engine;

/// <summary>A person's year: totals plus the counters the waterfall and the monitoring rules need.</summary>
public record struct PersonYear
{
    public YearTotals Totals { get; set; }

    /// <summary>Policy-scope self-pay left after basic insurance, accumulated: the critical-illness base.</summary>
    public decimal CriticalBase { get; set; }

    /// <summary>
    /// What the year's inpatient stays paid towards their basic deductibles: a referred admission pays only
    /// what its deductible exceeds this (<see cref="BasicLayerMath.Deductible"/>).
    /// </summary>
    public decimal InpatientDeductiblePaid { get; set; }

    /// <summary>How many of this year's settlements were high-cost; a reversal takes one back.</summary>
    public int HighCostCount { get; set; }

    /// <summary>The monitoring levels that have fired and not been cleared.</summary>
    public ThresholdFlags Flags { get; set; }

    public void Apply(in Split split, int sign)
    {
        Totals = Totals.Plus(split, sign);
        CriticalBase += sign * split.CriticalBase;
        InpatientDeductiblePaid += sign * split.DeductiblePaid;
        HighCostCount += split.IsHighCost ? sign : 0;
    }
}

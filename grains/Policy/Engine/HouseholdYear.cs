namespace Ledger.Policy.Engine;

/// <summary>A household's year: the sum of its members' totals and the household-level flags.</summary>
public record struct HouseholdYear
{
    public YearTotals Totals { get; set; }

    public ThresholdFlags Flags { get; set; }

    public void Apply(in Split split, int sign) => Totals = Totals.Plus(split, sign);
}

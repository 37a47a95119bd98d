using Ledger.Policy.Engine;

namespace Ledger.Policy.Households;

/// <summary>
/// What one journal entry adds to its person's year, and so to the household's: a recorded settlement
/// its split, a reversal the negation of what the settlement stands at, an adjustment the difference a
/// re-adjudication made. Amounts are signed; totals are the sum of the changes of the entries.
/// <see cref="DeductiblePaid"/> adds to <see cref="PersonYear.InpatientDeductiblePaid"/> when the entry is
/// folded in; it is zero on entries journaled before it was kept, so a rebuild does not read it but works
/// each stay's out again (<see cref="YearReplay"/>), and a re-adjudication journals the person's change of
/// it on one entry of its plan, not an adjustment of no amount (<c>HouseholdLedger.Reconciled</c>).
/// </summary>
public readonly record struct YearChange(YearTotals Totals, decimal CriticalBase, int HighCostCount, decimal DeductiblePaid = 0m)
{
    public static YearChange Of(in Split split)
    {
        var totals = new YearTotals();
        totals.Apply(split, 1);
        return new(totals, split.CriticalBase, split.IsHighCost ? 1 : 0, split.DeductiblePaid);
    }

    public YearChange Plus(in YearChange other)
    {
        var totals = Totals;
        totals.Apply(other.Totals, 1);
        return new(totals, CriticalBase + other.CriticalBase, HighCostCount + other.HighCostCount, DeductiblePaid + other.DeductiblePaid);
    }

    public YearChange Negated()
    {
        var totals = new YearTotals();
        totals.Apply(Totals, -1);
        return new(totals, -CriticalBase, -HighCostCount, -DeductiblePaid);
    }

    public YearChange Minus(in YearChange other) => Plus(other.Negated());

    public bool IsZero => this == default;

    public void ApplyTo(ref PersonYear person)
    {
        var totals = person.Totals;
        totals.Apply(Totals, 1);
        person.Totals = totals;
        person.CriticalBase += CriticalBase;
        person.HighCostCount += HighCostCount;
        person.InpatientDeductiblePaid += DeductiblePaid;
    }

    public void ApplyTo(ref HouseholdYear household)
    {
        var totals = household.Totals;
        totals.Apply(Totals, 1);
        household.Totals = totals;
    }
}

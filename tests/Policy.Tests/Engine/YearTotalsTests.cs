using Ledger.Policy.Engine;

namespace Ledger.Policy.Tests.Engine;

/// <summary>A person's and a household's year take a split into their totals alike, and give it back exactly.</summary>
public sealed class YearTotalsTests
{
    private static readonly Split Bill = new(Total: 1_000.00m, PolicyScope: 800.00m, Basic: 400.00m, Critical: 120.00m,
        Assistance: 80.00m, Floor: 0m, Supplementary: 0m, WarmFund: 0m, SelfPay: 400.00m, CriticalBase: 300.00m,
        IsHighCost: true, CapBinding: CapBinding.None, DeductiblePaid: 100.00m);

    [Fact]
    public void Plus_adds_a_split_to_a_copy_and_leaves_the_totals_as_they_were()
    {
        var before = new YearTotals { Total = 50.00m, SelfPay = 50.00m, SettlementCount = 1 };

        var after = before.Plus(Bill, 1);

        Assert.Equal(new YearTotals { Total = 50.00m, SelfPay = 50.00m, SettlementCount = 1 }, before);
        Assert.Equal(new YearTotals
        {
            Total = 1_050.00m, PolicyScope = 800.00m, Basic = 400.00m, Critical = 120.00m, Assistance = 80.00m,
            SelfPay = 450.00m, SettlementCount = 2,
        }, after);
        Assert.Equal(before, after.Plus(Bill, -1));
    }

    [Fact]
    public void A_person_and_a_household_book_the_same_totals_and_a_reversal_takes_them_back()
    {
        var person = new PersonYear();
        var household = new HouseholdYear();

        person.Apply(Bill, 1);
        household.Apply(Bill, 1);

        Assert.Equal(new YearTotals().Plus(Bill, 1), person.Totals);
        Assert.Equal(person.Totals, household.Totals);
        Assert.Equal((300.00m, 100.00m, 1), (person.CriticalBase, person.InpatientDeductiblePaid, person.HighCostCount));

        person.Apply(Bill, -1);
        household.Apply(Bill, -1);

        Assert.Equal(new PersonYear(), person);
        Assert.Equal(new HouseholdYear(), household);
    }
}

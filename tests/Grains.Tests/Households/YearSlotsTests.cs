using Ledger.Grains.Households;

namespace Ledger.Grains.Tests.Households;

public sealed class YearSlotsTests
{
    [Fact]
    public void Slots_hold_exactly_the_years_the_ledger_retains()
    {
        Assert.Equal(Limits.YearsRetainedMax, YearSlots<int>.SlotCount);
    }

    [Fact]
    public void A_newer_year_pushes_out_the_oldest_and_an_older_one_is_not_kept()
    {
        var years = new YearSlots<int>();
        years.Set(2023, 1);
        years.Set(2024, 2);
        years.Set(2023, 11);

        Assert.Equal([(2024, 2), (2023, 11)], years.Entries);

        years.Set(2025, 3);
        years.Set(2022, 99);

        Assert.Equal([(2025, 3), (2024, 2)], years.Entries);
        Assert.Equal((0, false, 2), (years.GetValueOrDefault(2023), years.Contains(2023), years.Count));
    }

    [Fact]
    public void Removing_the_newer_year_keeps_the_older_in_order()
    {
        var years = new YearSlots<int>();
        years.Set(2024, 2);
        years.Set(2023, 1);

        years.Remove(2024);

        Assert.Equal([(2023, 1)], years.Entries);
        years.Set(2025, 5);
        Assert.Equal([(2025, 5), (2023, 1)], years.Entries);
    }
}

using System.Reflection;
using Ledger.Contracts.Households;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Journal;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Tests.Wire;

/// <summary>
/// Every amount of the engine's year totals reaches its wire field and every wire field is filled: a
/// payer added to the engine or the wire and not to <see cref="WireAmounts"/> fails here. Each engine
/// amount is a distinct power of two, so a field left at zero or an amount mapped nowhere shows.
/// </summary>
public sealed class WireAmountsTests
{
    private static readonly YearTotals Totals = Distinct();

    private static YearTotals Distinct()
    {
        object boxed = new YearTotals();
        var power = 1m;
        foreach (var property in EngineAmounts())
        {
            property.SetValue(boxed, property.PropertyType == typeof(int) ? (object)(int)power : power);
            power *= 2m;
        }
        return (YearTotals)boxed;
    }

    /// <summary>The engine's amounts: every settable property of <see cref="YearTotals"/> (fund pay is derived).</summary>
    private static PropertyInfo[] EngineAmounts() =>
        [.. typeof(YearTotals).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite)];

    private static decimal[] Values(object wire, Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.PropertyType == typeof(decimal) || property.PropertyType == typeof(int))
            .Select(property => Convert.ToDecimal(property.GetValue(wire), System.Globalization.CultureInfo.InvariantCulture))];

    private static decimal[] EngineValues(bool withCount) =>
        [.. EngineAmounts().Where(property => withCount || property.Name != nameof(YearTotals.SettlementCount))
            .Select(property => Convert.ToDecimal(property.GetValue(Totals), System.Globalization.CultureInfo.InvariantCulture)), Totals.FundPay];

    [Fact]
    public void Every_engine_amount_reaches_one_field_of_the_totals_view_and_no_field_is_left_empty()
    {
        Assert.Equal(11, EngineAmounts().Length + 1); // nine amounts, the count, and fund pay derived from six of them
        var wire = Values(WireAmounts.Totals(Totals), typeof(TotalsView));

        Assert.Equal(EngineValues(withCount: true).Order(), wire.Order());
        Assert.Equal(Totals.FundPay, WireAmounts.Totals(Totals).FundPaySumamt);
    }

    [Fact]
    public void Every_engine_amount_reaches_one_field_of_a_settlements_amounts_and_the_wire_fund_pay_is_the_engines()
    {
        var amounts = WireAmounts.Split(Totals);

        Assert.Equal(EngineValues(withCount: false).Order(), Values(amounts, typeof(SplitAmounts)).Order());
        Assert.Equal(Totals.FundPay, amounts.FundPaySumamt);
        // Basic 4, critical 8, assistance 16, floor 32, supplementary 64, warm fund 128: every fund, not the person (256).
        Assert.Equal(252m, Totals.FundPay);
    }
}

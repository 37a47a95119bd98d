using Ledger.Silo.Projections;

namespace Ledger.Grains.Tests.Embedded;

/// <summary>
/// The embedded store's KPI query reads what the region asked for holds: its sums, households and members
/// are indexed by region code and household-year (it walked every person-month of the store for each
/// household, under the lock the projector and every monitoring page wait on). Its cost is a matter for
/// benchmarks, not a timed test; this one checks a district among many others answers exactly its own.
/// </summary>
public sealed class InMemoryKpiTests
{
    private static readonly DateTimeOffset March = new(2022, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Population = "困难群众 of jinhua-2022";

    [Fact]
    public async Task A_districts_kpis_among_forty_thousand_other_households_count_exactly_its_own()
    {
        var store = new InMemoryProjectionStore();
        var entries = new List<FoldedEntry>();
        // 40 000 households elsewhere, then 2 000 of the district, each with one member of the population over the caps.
        foreach (var (household, region) in Enumerable.Range(0, 40_000).Select(n => ($"F{n}", "350102"))
            .Concat(Enumerable.Range(0, 2_000).Select(n => ($"J{n}", "330702"))))
        {
            entries.Add(Settled(entries.Count + 1, household, region));
        }
        await store.Apply(entries);

        var sums = await store.Kpis("330702", 2022);

        Assert.Equal((2_000L, 2_000L, 2_000L, 40_000_000m), (sums.SettlementCount, sums.HighCostHouseholds, sums.HighCostCleared, sums.PsnPartAmt + sums.FundPaySumamt));
    }

    private static FoldedEntry Settled(long position, string household, string region)
    {
        var (psnNo, setlId) = ($"{household}-P", $"{household}-S");
        return new FoldedEntry(position, March,
        [
            new PersonMonthAdded(psnNo, 2022, 3, household, region, 25_000m, 15_000m, March, "dibao", March, setlId),
            new HouseholdYearAdded(household, 2022, region, 25_000m, 15_000m, 30_000m, 50_000m),
            new SettlementKpiAdded(setlId, psnNo, household, region, 2022, true, Population, 1, 20_000m, 15_000m, 5_000m),
        ]);
    }
}

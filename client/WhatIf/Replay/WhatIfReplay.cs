using System.Collections.Concurrent;
using Ledger.Client.WhatIf.Input;
using Ledger.Policy.Loading;

namespace Ledger.Client.WhatIf.Replay;

/// <summary>
/// Replays every household-year of the input under the baseline and the changed catalogue, in one pass
/// and in parallel across households (each household is independent: its own ledger, its own year).
/// </summary>
public static class WhatIfReplay
{
    /// <summary>Households a worker takes at a time: large enough that handing out work costs nothing.</summary>
    private const int HouseholdsPerRange = 512;

    public static WhatIfTally Run(ReplayInput input, PolicyCatalogue baseline, PolicyCatalogue changed, Action<long>? progress, CancellationToken cancellationToken)
    {
        var (before, after) = (HouseholdRun.Lookup(baseline), HouseholdRun.Lookup(changed));
        var tallies = new ConcurrentBag<WhatIfTally>();
        long done = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, input.HouseholdCount, HouseholdsPerRange), options, () => new WhatIfTally(), (range, _, tally) =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var household = input.Household(i);
                tally.AddHousehold(household, HouseholdRun.Replay(household, input.Year, before), HouseholdRun.Replay(household, input.Year, after), before, after);
            }
            progress?.Invoke(Interlocked.Add(ref done, range.Item2 - range.Item1));
            return tally;
        }, tallies.Add);
        var total = new WhatIfTally();
        foreach (var tally in tallies)
        {
            total.Add(tally);
        }
        total.Complete();
        return total;
    }
}

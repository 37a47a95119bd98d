using Ledger.Contracts.Events;
using Ledger.Contracts.Regions;

namespace Ledger.Grains.Regions;

/// <summary>
/// KPIs and the monitoring list of one region prefix in one year, fed in batches by each silo's
/// <see cref="RegionFeed"/>; one state write per batch.
/// </summary>
public sealed class RegionGrain([PersistentState("region", "ledger")] IPersistentState<RegionState> store) : Grain, IRegionGrain
{
    /// <summary>Event ids applied lately: an outbox re-published after a crash must not count twice.</summary>
    public const int RecentEventIdsMax = 16_384;

    private readonly HashSet<string> _recent = [];
    private readonly Queue<string> _recentOrder = new();

    private RegionState State => store.State;

    public async Task Apply(IReadOnlyList<LedgerEvent> batch)
    {
        foreach (var ledgerEvent in batch.Where(ledgerEvent => Remember(ledgerEvent.EventId)))
        {
            Apply(ledgerEvent);
        }
        await store.WriteStateAsync();
    }

    private bool Remember(string eventId)
    {
        if (!_recent.Add(eventId))
        {
            return false;
        }
        _recentOrder.Enqueue(eventId);
        if (_recentOrder.Count > RecentEventIdsMax)
        {
            _recent.Remove(_recentOrder.Dequeue());
        }
        return true;
    }

    public Task<RegionKpis> GetKpis()
    {
        var key = this.GetPrimaryKeyString();
        var separator = key.LastIndexOf(':');
        var highCost = State.HighCostHouseholds.Count;
        var cleared = State.HighCostHouseholds.Count(State.CappedHouseholds.Contains);
        return Task.FromResult(new RegionKpis
        {
            RegionCode = key[..separator],
            Year = int.Parse(key[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture),
            SettlementCount = State.SettlementCount,
            MedfeeSumamt = State.MedfeeSumamt,
            FundPaySumamt = State.FundPaySumamt,
            PsnPartAmt = State.PsnPartAmt,
            CoverageRate = Rate(State.FundPaySumamt, State.MedfeeSumamt),
            BurdenRate = Rate(State.PsnPartAmt, State.MedfeeSumamt),
            HighCostPersons = highCost,
            HighCostCleared = cleared,
            HighCostClearanceRate = highCost == 0 ? null : Rate(cleared, highCost),
        });
    }

    public Task<MonitoringPage> GetMonitoring(string? rule, int page, int pageSize)
    {
        // A crossed level makes the warning of the same rule redundant in the list.
        var open = State.Monitoring.Values
            .Where(entry => rule is null || entry.Rule == rule)
            .GroupBy(entry => (entry.SubjectType, entry.SubjectId, entry.Rule))
            .Select(group => group.FirstOrDefault(entry => entry.Level == "crossed") ?? group.First())
            .OrderBy(entry => entry.Rule, StringComparer.Ordinal).ThenBy(entry => entry.SubjectId, StringComparer.Ordinal)
            .ToList();
        var items = open.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return Task.FromResult(new MonitoringPage(page, pageSize, open.Count, items));
    }

    private void Apply(LedgerEvent ledgerEvent)
    {
        var eligible = ledgerEvent.Identities.Count > 0;
        switch (ledgerEvent.Kind)
        {
            // Amounts are the signed changes of the journal entries: a reversal's and an adjustment's add up too.
            case EventKinds.SettlementRecorded or EventKinds.SettlementReversed or EventKinds.SettlementAdjusted
                when eligible && ledgerEvent.Amounts is { } amounts:
                State.SettlementCount += ledgerEvent.Kind switch { EventKinds.SettlementRecorded => 1, EventKinds.SettlementReversed => -1, _ => 0 };
                State.MedfeeSumamt += amounts.MedfeeSumamt;
                State.FundPaySumamt += amounts.FundPaySumamt;
                State.PsnPartAmt += amounts.PsnPartAmt;
                break;
            case EventKinds.ThresholdWarning or EventKinds.ThresholdCrossed:
                if (State.Monitoring.Count < Limits.MonitoringEntriesMax)
                {
                    State.Monitoring[MonitoringKey(ledgerEvent)] = new MonitoringEntry(ledgerEvent.SubjectType, ledgerEvent.SubjectId,
                        ledgerEvent.HouseholdId, ledgerEvent.RegionCode, ledgerEvent.Rule!, ledgerEvent.Level!, ledgerEvent.Value,
                        ledgerEvent.Threshold, ledgerEvent.SetlTime ?? ledgerEvent.LoggedAt);
                }
                if (ledgerEvent.Rule == "high_cost_settlement" && State.HighCostHouseholds.Count < Limits.MonitoringEntriesMax)
                {
                    State.HighCostHouseholds.Add(ledgerEvent.HouseholdId);
                }
                break;
            case EventKinds.ThresholdCleared:
                State.Monitoring.Remove(MonitoringKey(ledgerEvent));
                break;
            case EventKinds.CapApplied when State.CappedHouseholds.Count < Limits.MonitoringEntriesMax:
                State.CappedHouseholds.Add(ledgerEvent.HouseholdId);
                break;
        }
    }

    private static string MonitoringKey(LedgerEvent ledgerEvent) =>
        $"{ledgerEvent.SubjectType}/{ledgerEvent.SubjectId}/{ledgerEvent.Rule}/{ledgerEvent.Level}";

    private static decimal? Rate(decimal part, decimal whole) => whole == 0m ? null : decimal.Round(part / whole, 4, MidpointRounding.AwayFromZero);
}

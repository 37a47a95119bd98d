using System.Runtime.CompilerServices;

namespace Ledger.Silo.Projections;

/// <summary>
/// The embedded mode's projections: the same contract as the PostgreSQL tables, in this process's
/// memory (lost on exit with the in-memory journal they follow). Reads copy what they answer under the
/// lock; the embedded mode holds what one machine's memory holds.
/// </summary>
public sealed class InMemoryProjectionStore : IProjectionStore
{
    private readonly Lock _gate = new();
    private long _checkpoint;
    private readonly Dictionary<MonitoringKey, MonitoringRow> _monitoring = [];
    private readonly Dictionary<(string PsnNo, int Year, int Month), PersonMonth> _personMonths = [];
    private readonly Dictionary<(string HouseholdId, int Year), HouseholdYear> _householdYears = [];
    private readonly Dictionary<(string RegionCode, int Year, string Population), KpiAdded> _kpis = [];
    private readonly List<AdjustmentRow> _adjustments = [];

    public Task<long> Checkpoint(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_checkpoint);
        }
    }

    public Task<long> Apply(IReadOnlyList<FoldedEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var entry in FoldedEntry.Contiguous(entries, _checkpoint))
            {
                foreach (var change in entry.Changes)
                {
                    Apply(change);
                }
                _checkpoint = entry.Position;
            }
            return Task.FromResult(_checkpoint);
        }
    }

    private void Apply(ProjectionChange change)
    {
        switch (change)
        {
            case MonitoringChange monitoring:
                monitoring.ApplyTo(_monitoring);
                break;
            case PersonMonthAdded added:
                var month = _personMonths.TryGetValue((added.PsnNo, added.Year, added.Month), out var found) ? found
                    : _personMonths[(added.PsnNo, added.Year, added.Month)] = new PersonMonth();
                month.Add(added);
                break;
            case HouseholdYearAdded added:
                var year = HouseholdYearOf(added.HouseholdId, added.Year);
                (year.RegionCode, year.SelfPay, year.WarmFund, year.IndividualCap, year.HouseholdCap, year.InPopulation) = (added.RegionCode,
                    year.SelfPay + added.SelfPay, year.WarmFund + added.WarmFund, added.IndividualCap, added.HouseholdCap, year.InPopulation || added.InPopulation);
                break;
            case KpiAdded added:
                var key = (added.RegionCode, added.Year, added.Population);
                _kpis[key] = _kpis.TryGetValue(key, out var sums) ? sums.Plus(added) : added;
                break;
            case AdjustmentRecorded recorded:
                _adjustments.Add(recorded.Row);
                break;
        }
    }

    private HouseholdYear HouseholdYearOf(string householdId, int year) =>
        _householdYears.TryGetValue((householdId, year), out var found) ? found : _householdYears[(householdId, year)] = new HouseholdYear();

    public Task Reset(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _checkpoint = 0;
            _monitoring.Clear();
            _personMonths.Clear();
            _householdYears.Clear();
            _kpis.Clear();
            _adjustments.Clear();
        }
        return Task.CompletedTask;
    }

    public Task<MonitoringPage> Monitoring(MonitoringQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var open = _monitoring.Values.Where(row => row.Key.Year == query.Year && row.RegionCode.StartsWith(query.RegionPrefix, StringComparison.Ordinal)
                    && (query.Rule is null || row.Key.Rule == query.Rule) && (query.CityCode is null || row.CityCode == query.CityCode)
                    && (query.Level is null ? row.Key.Level == "crossed" || !_monitoring.ContainsKey(row.Key with { Level = "crossed" }) : row.Key.Level == query.Level))
                .OrderBy(row => row.RegionCode, StringComparer.Ordinal).ThenBy(row => row.Key.SubjectId, StringComparer.Ordinal)
                .ThenBy(row => row.Key.SubjectType, StringComparer.Ordinal).ThenBy(row => row.Key.Rule, StringComparer.Ordinal)
                .ThenBy(row => row.Key.Level, StringComparer.Ordinal)
                .ToList();
            var items = open.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(MonitoringItem.Of).ToList();
            return Task.FromResult(new MonitoringPage(query.Page, query.PageSize, open.Count, items));
        }
    }

    public async IAsyncEnumerable<MonthEndRow> MonthEnd(MonthEndQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<MonthEndRow> rows;
        lock (_gate)
        {
            rows = MonthEndLocked(query);
        }
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
        await Task.CompletedTask;
    }

    private List<MonthEndRow> MonthEndLocked(MonthEndQuery query)
    {
        var crossed = _monitoring.Values.Where(row => row.Key.SubjectType == SubjectTypes.Person && row.Key.Level == "crossed"
            && MonthEndQuery.Rules.Contains(row.Key.Rule) && row.RegionCode.StartsWith(query.RegionPrefix, StringComparison.Ordinal)).ToList();
        var current = crossed.Where(row => row.Key.Year == query.Year && row.SetlTime < query.End).ToList();
        var lastYear = query.Month == 1
            ? crossed.Where(row => row.Key.Year == query.Year - 1).ToDictionary(row => (row.Key.SubjectId, row.Key.Rule))
            : [];
        var rows = current.Select(row => Row(query, row,
            row.SetlTime >= query.Start && !lastYear.ContainsKey((row.Key.SubjectId, row.Key.Rule)) ? MonthEndStatus.New : MonthEndStatus.Continuing)).ToList();
        var stayed = current.Select(row => (row.Key.SubjectId, row.Key.Rule)).ToHashSet();
        rows.AddRange(lastYear.Values.Where(row => !stayed.Contains((row.Key.SubjectId, row.Key.Rule))).Select(row => Row(query, row, MonthEndStatus.Exited)));
        return [.. rows.OrderBy(row => row.CityCode, StringComparer.Ordinal).ThenBy(row => row.RegionCode, StringComparer.Ordinal)
            .ThenBy(row => row.PsnNo, StringComparer.Ordinal).ThenBy(row => row.Rule, StringComparer.Ordinal)];
    }

    private MonthEndRow Row(MonthEndQuery query, MonitoringRow row, string status)
    {
        var months = Enumerable.Range(1, query.Month)
            .Select(month => _personMonths.GetValueOrDefault((row.Key.SubjectId, query.Year, month))).OfType<PersonMonth>().ToList();
        var identities = months.Concat(Enumerable.Range(1, 12).Select(month => _personMonths.GetValueOrDefault((row.Key.SubjectId, query.Year - 1, month))).OfType<PersonMonth>())
            .Where(month => month.Identities is not null).MaxBy(month => (month.IdentitiesAt, month.IdentitiesSetlId), IdentityOrder.Instance)?.Identities ?? "";
        return new MonthEndRow(row.CityCode, row.RegionCode, row.Key.SubjectId, row.HouseholdId, identities, row.Key.Rule, row.Threshold,
            months.Sum(month => month.SelfPay), status, row.SetlId, row.SetlTime, months.Any(month => month.LoggedMax >= query.End));
    }

    public Task<KpiSums> Kpis(string regionPrefix, int year, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var sums = _kpis.Values.Where(kpi => kpi.Year == year && kpi.RegionCode.StartsWith(regionPrefix, StringComparison.Ordinal)).ToList();
            var highCost = _householdYears.Where(pair => pair.Key.Year == year && pair.Value.InPopulation && pair.Value.HouseholdCap is not null
                    && pair.Value.RegionCode.StartsWith(regionPrefix, StringComparison.Ordinal))
                .Select(pair => (Household: pair.Value, Members: MemberBurdens(pair.Key.HouseholdId, year).ToList()))
                .Where(household => household.Household.SelfPay + household.Household.WarmFund > household.Household.HouseholdCap
                    || household.Members.Any(member => member.Before > household.Household.IndividualCap))
                .ToList();
            var cleared = highCost.Count(household => household.Household.SelfPay <= household.Household.HouseholdCap
                && household.Members.All(member => member.After <= household.Household.IndividualCap));
            return Task.FromResult(new KpiSums([.. sums.Select(kpi => kpi.Population).Distinct().Order(StringComparer.Ordinal)],
                sums.Sum(kpi => (long)kpi.SettlementCount), sums.Sum(kpi => kpi.MedfeeSumamt), sums.Sum(kpi => kpi.FundPaySumamt),
                sums.Sum(kpi => kpi.PsnPartAmt), highCost.Count, cleared));
        }
    }

    /// <summary>Each member's year burden before and after the warm fund.</summary>
    private IEnumerable<(decimal Before, decimal After)> MemberBurdens(string householdId, int year) =>
        _personMonths.Where(pair => pair.Key.Year == year && pair.Value.HouseholdId == householdId)
            .GroupBy(pair => pair.Key.PsnNo)
            .Select(person => (person.Sum(pair => pair.Value.SelfPay + pair.Value.WarmFund), person.Sum(pair => pair.Value.SelfPay)));

    public async IAsyncEnumerable<AdjustmentRow> Adjustments(
        string regionPrefix, DateTimeOffset from, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<AdjustmentRow> rows;
        lock (_gate)
        {
            rows = [.. _adjustments.Where(row => row.LoggedAt >= from && row.LoggedAt < until && row.RegionCode.StartsWith(regionPrefix, StringComparison.Ordinal))];
        }
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
        await Task.CompletedTask;
    }

    private sealed class PersonMonth
    {
        public string HouseholdId { get; private set; } = "";
        public decimal SelfPay { get; private set; }
        public decimal WarmFund { get; private set; }
        public DateTimeOffset LoggedMax { get; private set; } = DateTimeOffset.MinValue;
        public string? Identities { get; private set; }
        public DateTimeOffset IdentitiesAt { get; private set; } = DateTimeOffset.MinValue;
        public string IdentitiesSetlId { get; private set; } = "";

        public void Add(PersonMonthAdded added)
        {
            (HouseholdId, SelfPay, WarmFund) = (added.HouseholdId, SelfPay + added.SelfPay, WarmFund + added.WarmFund);
            LoggedMax = added.LoggedAt > LoggedMax ? added.LoggedAt : LoggedMax;
            if (added.Identities is not null && IdentityOrder.Instance.Compare((added.IdentitiesAt, added.IdentitiesSetlId), (IdentitiesAt, IdentitiesSetlId)) >= 0)
            {
                (Identities, IdentitiesAt, IdentitiesSetlId) = (added.Identities, added.IdentitiesAt, added.IdentitiesSetlId);
            }
        }
    }

    private sealed class HouseholdYear
    {
        public string RegionCode { get; set; } = "";
        public decimal SelfPay { get; set; }
        public decimal? IndividualCap { get; set; }
        public decimal? HouseholdCap { get; set; }
        public decimal WarmFund { get; set; }
        public bool InPopulation { get; set; }
    }

    /// <summary>Settlement order: by time, then setl_id ordinal (SettlementKey's order).</summary>
    private sealed class IdentityOrder : IComparer<(DateTimeOffset At, string SetlId)>
    {
        public static readonly IdentityOrder Instance = new();

        public int Compare((DateTimeOffset At, string SetlId) x, (DateTimeOffset At, string SetlId) y)
        {
            var byTime = x.At.CompareTo(y.At);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.SetlId, y.SetlId);
        }
    }
}

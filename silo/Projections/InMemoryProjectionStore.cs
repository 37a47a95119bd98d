using System.Runtime.CompilerServices;
using Ledger.Silo.Http;

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
    private readonly Dictionary<(string SubjectId, string Rule, int Year, long Position), WithdrawnCrossing> _withdrawn = [];
    private readonly Dictionary<(string PsnNo, int Year, int Month), PersonMonth> _personMonths = [];
    private readonly Dictionary<string, string> _identities = new(StringComparer.Ordinal);
    private InMemoryKpis _kpis = new();
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
            case MonitoringClosed closed when WithdrawnCrossing.Of(closed, _monitoring.GetValueOrDefault(closed.Key)) is { } withdrawn:
                _withdrawn[withdrawn.Key] = withdrawn;
                closed.ApplyTo(_monitoring);
                break;
            case MonitoringChange monitoring:
                monitoring.ApplyTo(_monitoring);
                break;
            case PersonMonthAdded added:
                var month = _personMonths.TryGetValue((added.PsnNo, added.Year, added.Month), out var found) ? found
                    : _personMonths[(added.PsnNo, added.Year, added.Month)] = new PersonMonth();
                _kpis.MemberMoved(month.HouseholdId, added.Year, added.PsnNo, -month.SelfPay, -month.WarmFund);
                month.Add(added);
                _kpis.MemberMoved(month.HouseholdId, added.Year, added.PsnNo, month.SelfPay, month.WarmFund);
                break;
            case MemberJoined joined:
                Join(joined);
                break;
            case PersonIdentitiesChanged changed:
                _identities[changed.PsnNo] = changed.Periods;
                break;
            case HouseholdYearAdded added:
                _kpis.Apply(added);
                break;
            case SettlementKpiAdded added:
                _kpis.Apply(added);
                break;
            case PersonReclassified reclassified:
                _kpis.Apply(reclassified);
                break;
            case AdjustmentRecorded recorded:
                _adjustments.Add(recorded.Row);
                break;
        }
    }

    /// <summary>The mover's person-months of the years the move reaches leave the household-years they were counted in, and its KPI settlements follow.</summary>
    private void Join(MemberJoined joined)
    {
        foreach (var year in joined.Years)
        {
            for (var month = 1; month <= 12; month++)
            {
                if (_personMonths.GetValueOrDefault((joined.PsnNo, year, month)) is { } counted && counted.HouseholdId != joined.HouseholdId)
                {
                    _kpis.MemberMoved(counted.HouseholdId, year, joined.PsnNo, -counted.SelfPay, -counted.WarmFund);
                    _kpis.HouseholdMoved(counted.HouseholdId, joined.HouseholdId, year, counted.SelfPay, counted.WarmFund);
                    counted.MoveTo(joined.HouseholdId);
                    _kpis.MemberMoved(joined.HouseholdId, year, joined.PsnNo, counted.SelfPay, counted.WarmFund);
                }
            }
        }
        _kpis.Apply(joined);
    }

    public Task Reset(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _checkpoint = 0;
            _monitoring.Clear();
            _withdrawn.Clear();
            _personMonths.Clear();
            _identities.Clear();
            _kpis = new InMemoryKpis();
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
            var items = Paging.Slice(open, query.Page, query.PageSize).Select(MonitoringItem.Of).ToList();
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
        bool Listed(MonitoringRow row) => MonthEndQuery.Rules.Contains(row.Key.Rule) && row.RegionCode.StartsWith(query.RegionPrefix, StringComparison.Ordinal);
        var crossed = _monitoring.Values.Where(row => row.Key.SubjectType == SubjectTypes.Person && row.Key.Level == MonitoringDelta.Crossed && Listed(row)).ToList();
        var withdrawn = _withdrawn.Values.Where(crossing => Listed(crossing.Row)).ToList();
        var open = crossed.Where(row => row.Key.Year == query.Year && row.SetlTime < query.End).ToDictionary(row => (row.Key.SubjectId, row.Key.Rule));
        var standing = open.Values.Select(row => (Row: row, Withdrawn: false)).Concat(WithdrawnCrossing.LatestPerPerson(withdrawn
                .Where(crossing => crossing.StandsIn(query) && !open.ContainsKey((crossing.Row.Key.SubjectId, crossing.Row.Key.Rule))))
                .Select(crossing => (crossing.Row, Withdrawn: true)))
            .ToList();
        var lastYear = query.Month == 1
            ? crossed.Where(row => row.Key.Year == query.Year - 1).ToDictionary(row => (row.Key.SubjectId, row.Key.Rule))
            : [];
        foreach (var crossing in WithdrawnCrossing.LatestPerPerson(withdrawn.Where(crossing => crossing.EndsTheYearBefore(query))))
        {
            lastYear.TryAdd((crossing.Row.Key.SubjectId, crossing.Row.Key.Rule), crossing.Row);
        }
        var rows = standing.Select(over => Row(query, over.Row,
            over.Row.SetlTime >= query.Start && !lastYear.ContainsKey((over.Row.Key.SubjectId, over.Row.Key.Rule)) ? MonthEndStatus.New : MonthEndStatus.Continuing,
            over.Withdrawn)).ToList();
        var stayed = standing.Select(over => (over.Row.Key.SubjectId, over.Row.Key.Rule)).ToHashSet();
        rows.AddRange(lastYear.Values.Where(row => !stayed.Contains((row.Key.SubjectId, row.Key.Rule))).Select(row => Row(query, row, MonthEndStatus.Exited, false)));
        rows.AddRange(WithdrawnCrossing.LatestPerPerson(withdrawn.Where(crossing => crossing.ExitsIn(query) && !stayed.Contains((crossing.Row.Key.SubjectId, crossing.Row.Key.Rule))))
            .Select(crossing => Row(query, crossing.Row, MonthEndStatus.Exited, false)));
        return [.. rows.OrderBy(row => row.CityCode, StringComparer.Ordinal).ThenBy(row => row.RegionCode, StringComparer.Ordinal)
            .ThenBy(row => row.PsnNo, StringComparer.Ordinal).ThenBy(row => row.Rule, StringComparer.Ordinal)];
    }

    /// <param name="withdrawn">A crossing withdrawn after the month ended: its data changed after it, so it is late.</param>
    private MonthEndRow Row(MonthEndQuery query, MonitoringRow row, string status, bool withdrawn)
    {
        var months = Enumerable.Range(1, query.Month)
            .Select(month => _personMonths.GetValueOrDefault((row.Key.SubjectId, query.Year, month))).OfType<PersonMonth>().ToList();
        var identities = _identities.TryGetValue(row.Key.SubjectId, out var periods) ? IdentityTimeline.On(periods, query.LastDay)
            : months.Concat(Enumerable.Range(1, 12).Select(month => _personMonths.GetValueOrDefault((row.Key.SubjectId, query.Year - 1, month))).OfType<PersonMonth>())
                .Where(month => month.Identities is not null).MaxBy(month => (month.IdentitiesAt, month.IdentitiesSetlId), IdentityOrder.Instance)?.Identities ?? "";
        return new MonthEndRow(row.CityCode, row.RegionCode, row.Key.SubjectId, row.HouseholdId, identities, row.Key.Rule, row.Threshold,
            months.Sum(month => month.SelfPay), status, row.SetlId, row.SetlTime, withdrawn || months.Any(month => month.LoggedMax >= query.End));
    }

    public Task<KpiSums> Kpis(string regionPrefix, int year, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_kpis.Query(regionPrefix, year));
        }
    }

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

        public void MoveTo(string householdId) => HouseholdId = householdId;

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

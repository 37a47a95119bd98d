namespace Ledger.Silo.Projections;

/// <summary>
/// What a batch's monitoring changes do to the stored rows of the subjects they touch: the rows to write
/// (with whether a page without a level filter lists them), the rows to delete, and how the per-region
/// counts move. A level is listed when it is crossed, or while its subject, rule and year have no crossed
/// level (a crossed level hides the warning behind it), so opening or clearing a crossed level also
/// moves its warning's <c>listed</c>. Clearing a month-end crossing also remembers it as withdrawn.
/// </summary>
internal sealed class MonitoringDelta
{
    public const string Crossed = "crossed";

    public static readonly MonitoringDelta None = new([], [], [], []);

    private MonitoringDelta(
        List<ListedRow> upserts, List<MonitoringKey> deletes, Dictionary<MonitoringCountKey, long> counts, Dictionary<(string, string, int, long), WithdrawnCrossing> withdrawn) =>
        (Upserts, Deletes, Counts, Withdrawn) = (upserts, deletes, counts, withdrawn);

    public List<ListedRow> Upserts { get; }

    public List<MonitoringKey> Deletes { get; }

    /// <summary>Net moves of the counts, none of them zero.</summary>
    public Dictionary<MonitoringCountKey, long> Counts { get; }

    /// <summary>The crossings the batch withdrew, every one (by <see cref="WithdrawnCrossing.Key"/>).</summary>
    public Dictionary<(string, string, int, long), WithdrawnCrossing> Withdrawn { get; }

    /// <summary>The subjects (subject, rule, year) whose stored rows the delta needs.</summary>
    public static HashSet<MonitoringSubject> Subjects(IEnumerable<ProjectionChange> changes) =>
        [.. changes.Select(change => MonitoringSubject.Of(change is MonitoringChange monitoring ? monitoring.Key
            : throw new ArgumentOutOfRangeException(nameof(changes), change.GetType().Name, "not a monitoring change")))];

    /// <param name="stored">The stored rows of every subject in <see cref="Subjects"/>, as they are before the batch.</param>
    /// <param name="changes">The batch's monitoring changes, in journal order.</param>
    public static MonitoringDelta Of(IEnumerable<ListedRow> stored, IEnumerable<ProjectionChange> changes)
    {
        var before = stored.ToDictionary(row => row.Row.Key);
        var after = before.Values.ToDictionary(row => row.Row.Key, row => row.Row);
        var withdrawn = new Dictionary<(string, string, int, long), WithdrawnCrossing>();
        foreach (var change in changes.OfType<MonitoringChange>())
        {
            if (change is MonitoringClosed closed && WithdrawnCrossing.Of(closed, after.GetValueOrDefault(closed.Key)) is { } crossing)
            {
                withdrawn[crossing.Key] = crossing;
            }
            change.ApplyTo(after);
        }
        var crossedAfter = after.Keys.Where(key => key.Level == Crossed).Select(MonitoringSubject.Of).ToHashSet();
        var delta = new MonitoringDelta([], [], [], withdrawn);
        foreach (var (key, was) in before)
        {
            delta.Move(was, -1);
            if (!after.ContainsKey(key))
            {
                delta.Deletes.Add(key);
            }
        }
        foreach (var (key, row) in after)
        {
            var now = new ListedRow(row, key.Level == Crossed || !crossedAfter.Contains(MonitoringSubject.Of(key)));
            delta.Move(now, +1);
            if (!before.TryGetValue(key, out var was) || was != now)
            {
                delta.Upserts.Add(now);
            }
        }
        foreach (var unmoved in delta.Counts.Where(pair => pair.Value == 0).Select(pair => pair.Key).ToList())
        {
            delta.Counts.Remove(unmoved);
        }
        return delta;
    }

    private void Move(ListedRow row, long by)
    {
        var key = new MonitoringCountKey(row.Row.Key.Year, row.Row.RegionCode, row.Row.Key.Rule, row.Row.Key.Level, row.Listed);
        Counts[key] = Counts.GetValueOrDefault(key) + by;
    }
}

/// <summary>A monitoring row and whether a page without a level filter lists it.</summary>
internal readonly record struct ListedRow(MonitoringRow Row, bool Listed);

/// <summary>One subject's rule in a year: the rows (one per level) whose <c>listed</c> depend on each other.</summary>
internal readonly record struct MonitoringSubject(string SubjectType, string SubjectId, string Rule, int Year)
{
    public static MonitoringSubject Of(MonitoringKey key) => new(key.SubjectType, key.SubjectId, key.Rule, key.Year);
}

/// <summary>What ledger_monitoring_counts counts rows by.</summary>
internal readonly record struct MonitoringCountKey(int Year, string RegionCode, string Rule, string Level, bool Listed);

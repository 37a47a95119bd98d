namespace Ledger.Silo.Projections;

/// <summary>
/// A batch of entries' projection changes merged per row, so the PostgreSQL store writes each touched
/// row once per batch (one multi-row statement per table) instead of once per change. Merging gives the
/// row the changes would have given it one by one: amounts add, the latest region and caps win,
/// <c>logged_max</c> is the greatest, identities are those of the last settlement in settlement order, a
/// settlement's KPI population is that of its last re-adjudication, a person's dated identities those of
/// the last identity change. Monitoring changes are kept in journal order: <see cref="MonitoringDelta"/>
/// folds them over the rows already stored.
/// </summary>
internal sealed class ProjectionBatch
{
    public Dictionary<(string PsnNo, int Year, int Month), PersonMonthAdded> PersonMonths { get; } = [];

    public Dictionary<(string HouseholdId, int Year), HouseholdYearAdded> HouseholdYears { get; } = [];

    public Dictionary<string, SettlementKpiAdded> Settlements { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PersonIdentitiesChanged> Identities { get; } = new(StringComparer.Ordinal);

    public List<AdjustmentRow> Adjustments { get; } = [];

    /// <summary>Identity changes' re-classifications, in journal order: applied after the batch's settlements, each over the one before.</summary>
    public List<PersonReclassified> Reclassified { get; } = [];

    public List<ProjectionChange> Monitoring { get; } = [];

    /// <summary>
    /// A move's mark, which starts the batch: it re-places what earlier entries counted, so it is applied
    /// before the batch's merged rows (<see cref="Runs"/> makes every mark start a batch of its own).
    /// </summary>
    public MemberJoined? Joined { get; private set; }

    /// <summary>
    /// The entries cut before each move's mark: each run is merged and written after the one before, in one
    /// transaction. Merged per table across a mark, the mover's money recorded before it (a person-month,
    /// a household-year sum) would be written after the mark moved what was stored, and stay behind.
    /// </summary>
    public static List<List<FoldedEntry>> Runs(IReadOnlyList<FoldedEntry> entries)
    {
        var runs = new List<List<FoldedEntry>>();
        foreach (var entry in entries)
        {
            if (runs.Count == 0 || entry.Changes.Any(change => change is MemberJoined))
            {
                runs.Add([]);
            }
            runs[^1].Add(entry);
        }
        return runs;
    }

    /// <summary>
    /// The persons re-classified in this batch who settled nothing in it: whether settlements of theirs are
    /// counted already only the store knows. Most are new members (every registration with identities
    /// journals an identity change), who have none: a person settles only once registered.
    /// </summary>
    public string[] ReclassifiedUnsettledHere()
    {
        var settledHere = SettledHere();
        return [.. Reclassified.Select(reclassified => reclassified.PsnNo).Where(psnNo => !settledHere.Contains(psnNo)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The re-classifications that can move a settlement: of persons with one in this batch or, by the store,
    /// counted before it (<paramref name="settledBefore"/>). The others would re-count nothing, so they cost nothing.
    /// </summary>
    public IEnumerable<PersonReclassified> Reclassifying(IReadOnlySet<string> settledBefore)
    {
        var settledHere = SettledHere();
        return Reclassified.Where(reclassified => settledHere.Contains(reclassified.PsnNo) || settledBefore.Contains(reclassified.PsnNo));
    }

    /// <summary>The persons with a settlement in this batch.</summary>
    private HashSet<string> SettledHere() => Settlements.Values.Select(settlement => settlement.PsnNo).ToHashSet(StringComparer.Ordinal);

    public static ProjectionBatch Of(IEnumerable<FoldedEntry> entries)
    {
        var batch = new ProjectionBatch();
        foreach (var change in entries.SelectMany(entry => entry.Changes))
        {
            batch.Add(change);
        }
        return batch;
    }

    private void Add(ProjectionChange change)
    {
        switch (change)
        {
            case MonitoringChange:
                Monitoring.Add(change);
                break;
            case PersonMonthAdded added:
                var month = (added.PsnNo, added.Year, added.Month);
                PersonMonths[month] = PersonMonths.TryGetValue(month, out var earlier) ? Merge(earlier, added) : added;
                break;
            case HouseholdYearAdded added:
                var year = (added.HouseholdId, added.Year);
                HouseholdYears[year] = HouseholdYears.TryGetValue(year, out var before) ? added with
                {
                    SelfPay = before.SelfPay + added.SelfPay, WarmFund = before.WarmFund + added.WarmFund,
                } : added;
                break;
            case SettlementKpiAdded added:
                Settlements[added.SetlId] = Settlements.TryGetValue(added.SetlId, out var earlierMove) ? earlierMove.Then(added) : added;
                break;
            case PersonIdentitiesChanged changed:
                Identities[changed.PsnNo] = changed;
                break;
            case AdjustmentRecorded recorded:
                Adjustments.Add(recorded.Row);
                break;
            case PersonReclassified reclassified:
                Reclassified.Add(reclassified);
                break;
            case MemberJoined joined when Joined is null && PersonMonths.Count + HouseholdYears.Count + Settlements.Count + Reclassified.Count == 0:
                Joined = joined;
                break;
            case MemberJoined:
                throw new InvalidOperationException("a move's mark must start its batch (ProjectionBatch.Runs)");
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "no merge for this projection change");
        }
    }

    /// <summary>Two changes of one person-month as one; the later one's identities win unless an earlier settlement's are later in settlement order.</summary>
    private static PersonMonthAdded Merge(PersonMonthAdded earlier, PersonMonthAdded later)
    {
        var merged = later with
        {
            SelfPay = earlier.SelfPay + later.SelfPay, WarmFund = earlier.WarmFund + later.WarmFund,
            LoggedAt = later.LoggedAt > earlier.LoggedAt ? later.LoggedAt : earlier.LoggedAt,
        };
        var laterWins = later.Identities is not null && (earlier.Identities is null || SettlementOrder(later) >= SettlementOrder(earlier));
        return laterWins ? merged : merged with
        {
            Identities = earlier.Identities, IdentitiesAt = earlier.IdentitiesAt, IdentitiesSetlId = earlier.IdentitiesSetlId,
        };
    }

    private static IdentitiesKey SettlementOrder(PersonMonthAdded added) => new(added.IdentitiesAt, added.IdentitiesSetlId);

    /// <summary>Settlement order: by time, then setl_id ordinal (the store's row comparison in the "C" collation).</summary>
    private readonly record struct IdentitiesKey(DateTimeOffset At, string SetlId) : IComparable<IdentitiesKey>
    {
        public int CompareTo(IdentitiesKey other)
        {
            var byTime = At.CompareTo(other.At);
            return byTime != 0 ? byTime : string.CompareOrdinal(SetlId, other.SetlId);
        }

        public static bool operator >=(IdentitiesKey left, IdentitiesKey right) => left.CompareTo(right) >= 0;

        public static bool operator <=(IdentitiesKey left, IdentitiesKey right) => left.CompareTo(right) <= 0;

        public static bool operator >(IdentitiesKey left, IdentitiesKey right) => left.CompareTo(right) > 0;

        public static bool operator <(IdentitiesKey left, IdentitiesKey right) => left.CompareTo(right) < 0;
    }
}

namespace Ledger.Silo.Projections;

/// <summary>
/// What one journal entry changes in the read projections: the stores apply these in order, in the
/// same transaction as the checkpoint that says the entry is applied. Amounts are signed deltas.
/// </summary>
public abstract record ProjectionChange;

/// <summary>A change of one monitoring row: one level of one rule on one subject in one year.</summary>
public abstract record MonitoringChange : ProjectionChange
{
    public abstract MonitoringKey Key { get; }

    /// <summary>Makes the change to rows keyed as the monitoring table is (what every store and the batch's delta do).</summary>
    public abstract void ApplyTo(IDictionary<MonitoringKey, MonitoringRow> rows);
}

/// <summary>A threshold level opened (or re-opened) on a subject: the monitoring row, upserted.</summary>
public sealed record MonitoringOpened(MonitoringRow Row) : MonitoringChange
{
    public override MonitoringKey Key => Row.Key;

    public override void ApplyTo(IDictionary<MonitoringKey, MonitoringRow> rows) => rows[Row.Key] = Row;
}

/// <summary>
/// A threshold level cleared: its monitoring row goes (a month-end crossing is remembered as withdrawn at
/// <see cref="LoggedAt"/>, see <see cref="WithdrawnCrossing"/>).
/// </summary>
public sealed record MonitoringClosed(MonitoringKey Closed) : MonitoringChange
{
    /// <summary>When the ledger learned of the clearing (the clearing entry's logged time).</summary>
    public DateTimeOffset LoggedAt { get; init; }

    public override MonitoringKey Key => Closed;

    public override void ApplyTo(IDictionary<MonitoringKey, MonitoringRow> rows) => rows.Remove(Closed);
}

/// <summary>
/// A person's self-pay (and the warm fund's payment, which the burden was before it) in the month of a
/// settlement's time moved by <see cref="SelfPay"/> (<see cref="WarmFund"/>); the entry was
/// logged at <see cref="LoggedAt"/>. <see cref="Identities"/> (with the settlement it was read at) are
/// those the ledger settled with, null when the entry says nothing about them (a reversal).
/// </summary>
public sealed record PersonMonthAdded(
    string PsnNo, int Year, int Month, string HouseholdId, string RegionCode, decimal SelfPay, decimal WarmFund, DateTimeOffset LoggedAt,
    string? Identities, DateTimeOffset IdentitiesAt, string IdentitiesSetlId) : ProjectionChange;

/// <summary>
/// A household's year burden (and the warm fund's payment) moved; the caps are those of the policy that
/// settled it (null: none).
/// </summary>
public sealed record HouseholdYearAdded(
    string HouseholdId, int Year, string RegionCode, decimal SelfPay, decimal WarmFund, decimal? IndividualCap, decimal? HouseholdCap)
    : ProjectionChange;

/// <summary>
/// A person moved into <see cref="HouseholdId"/> (a move's mark): its settlements of <see cref="FromYear"/> and later
/// count there from now on, as the household's ledger counts them. Each entry is summed into the household that
/// wrote it, so the mover's money recorded elsewhere moves here whole: its person-months (and their sums in
/// the household-years they were counted in) and its KPI settlements. Later entries of the mover are written
/// by this household. Closed years stay where they were settled.
/// </summary>
public sealed record MemberJoined(string PsnNo, string HouseholdId, int FromYear) : ProjectionChange
{
    /// <summary>The years a mark can reach: the household keeps two open, and the mover has none later (it settles here from now on).</summary>
    public IEnumerable<int> Years => Enumerable.Range(FromYear, Ledger.Policy.Households.HouseholdLedger.YearsRetained);
}

/// <summary>A person's dated identities changed: <see cref="Periods"/> as <see cref="IdentityTimeline"/> encodes them.</summary>
public sealed record PersonIdentitiesChanged(string PsnNo, string Periods) : ProjectionChange;

/// <summary>A settlement_adjusted entry, kept for the month's adjustments report.</summary>
public sealed record AdjustmentRecorded(AdjustmentRow Row) : ProjectionChange;

/// <summary>Which level of which rule on which subject and year.</summary>
public readonly record struct MonitoringKey(string SubjectType, string SubjectId, string Rule, int Year, string Level);

/// <summary>An open threshold level: the subject, where it is, its reading and the settlement at which it opened.</summary>
public sealed record MonitoringRow(
    MonitoringKey Key, string HouseholdId, string RegionCode, decimal Value, decimal Threshold, string SetlId, DateTimeOffset SetlTime, long Position)
{
    public string CityCode => Cities.Of(RegionCode);
}

/// <summary>One settlement_adjusted entry: the adjusted settlement, the cause and the signed deltas per payer.</summary>
public sealed record AdjustmentRow(
    long Position, string RegionCode, string SetlId, string PsnNo, string HouseholdId, DateTimeOffset SetlTime, DateTimeOffset LoggedAt,
    string Cause, string CauseId, decimal MedfeeSumamt, decimal HifpPay, decimal HifmiPay, decimal MafPay, decimal FloorPay,
    decimal SupplementaryPay, decimal WarmFundPay, decimal FundPaySumamt, decimal PsnPartAmt);

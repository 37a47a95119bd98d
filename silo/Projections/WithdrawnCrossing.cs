namespace Ledger.Silo.Projections;

/// <summary>
/// A person's month-end crossing (a crossed level of a rule the monthly report lists) that was cleared
/// afterwards, by a reversal or a re-adjudication: the row as it stood and when the ledger learned it was
/// withdrawn. A report of a month that had ended before then keeps the row (marked late): a caseworker
/// may have sent it. The report of the month in which the withdrawal was logged lists the person as
/// <c>exited</c> when the month before listed it. Every withdrawal is kept, keyed by the crossing
/// (<see cref="Key"/>): a person who crosses again later in the year and is withdrawn again must not take
/// the earlier months' rows out of their reports.
/// </summary>
public sealed record WithdrawnCrossing(MonitoringRow Row, DateTimeOffset WithdrawnAt)
{
    /// <summary>
    /// Which crossing was withdrawn: the person, rule and year and the journal position of the entry that
    /// opened it. A crossing is withdrawn once (a later one of the same year is opened at a later position).
    /// </summary>
    public (string SubjectId, string Rule, int Year, long Position) Key => (Row.Key.SubjectId, Row.Key.Rule, Row.Key.Year, Row.Position);

    /// <summary>The withdrawal a clearing makes of the row it closes, or null when the report never lists that row.</summary>
    public static WithdrawnCrossing? Of(MonitoringClosed closed, MonitoringRow? row) =>
        row is not null && row.Key is { SubjectType: SubjectTypes.Person, Level: MonitoringDelta.Crossed } key && MonthEndQuery.Rules.Contains(key.Rule)
            ? new WithdrawnCrossing(row, closed.LoggedAt)
            : null;

    /// <summary>
    /// Of several withdrawn crossings a month's report could list for one person and rule (crossed, withdrawn,
    /// crossed again before the first withdrawal's month ended, withdrawn again), the one withdrawn last: the
    /// row the month listed until then. The PostgreSQL store picks the same (DISTINCT ON, withdrawn_at and
    /// position descending).
    /// </summary>
    public static IEnumerable<WithdrawnCrossing> LatestPerPerson(IEnumerable<WithdrawnCrossing> crossings) =>
        crossings.GroupBy(crossing => (crossing.Row.Key.SubjectId, crossing.Row.Key.Rule))
            .Select(person => person.MaxBy(crossing => (crossing.WithdrawnAt, crossing.Row.Position))!);

    /// <summary>Listed as standing in the month's report: over the line at its end, withdrawn after it.</summary>
    public bool StandsIn(MonthEndQuery query) => Row.Key.Year == query.Year && Row.SetlTime < query.End && WithdrawnAt >= query.End;

    /// <summary>Listed as exited in the month's report: the month before listed it, and it was withdrawn during this month.</summary>
    public bool ExitsIn(MonthEndQuery query) => Row.Key.Year == query.Year && Row.SetlTime < query.Start && WithdrawnAt >= query.Start && WithdrawnAt < query.End;

    /// <summary>Listed by December's report of the year before a January <paramref name="query"/> (so January lists it as exited).</summary>
    public bool EndsTheYearBefore(MonthEndQuery query) => query.Month == 1 && Row.Key.Year == query.Year - 1 && WithdrawnAt >= query.Start;
}

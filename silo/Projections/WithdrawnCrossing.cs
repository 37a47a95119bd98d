namespace Ledger.Silo.Projections;

/// <summary>
/// A person's month-end crossing (a crossed level of a rule the monthly report lists) that was cleared
/// afterwards, by a reversal or a re-adjudication: the row as it stood and when the ledger learned it was
/// withdrawn. A report of a month that had ended before then keeps the row (marked late): a caseworker
/// may have sent it. The report of the month in which the withdrawal was logged lists the person as
/// <c>exited</c> when the month before listed it. One per person, rule and year: the latest withdrawal.
/// </summary>
public sealed record WithdrawnCrossing(MonitoringRow Row, DateTimeOffset WithdrawnAt)
{
    /// <summary>The withdrawal a clearing makes of the row it closes, or null when the report never lists that row.</summary>
    public static WithdrawnCrossing? Of(MonitoringClosed closed, MonitoringRow? row) =>
        row is not null && row.Key is { SubjectType: SubjectTypes.Person, Level: MonitoringDelta.Crossed } key && MonthEndQuery.Rules.Contains(key.Rule)
            ? new WithdrawnCrossing(row, closed.LoggedAt)
            : null;

    /// <summary>Listed as standing in the month's report: over the line at its end, withdrawn after it.</summary>
    public bool StandsIn(MonthEndQuery query) => Row.Key.Year == query.Year && Row.SetlTime < query.End && WithdrawnAt >= query.End;

    /// <summary>Listed as exited in the month's report: the month before listed it, and it was withdrawn during this month.</summary>
    public bool ExitsIn(MonthEndQuery query) => Row.Key.Year == query.Year && Row.SetlTime < query.Start && WithdrawnAt >= query.Start && WithdrawnAt < query.End;

    /// <summary>Listed by December's report of the year before a January <paramref name="query"/> (so January lists it as exited).</summary>
    public bool EndsTheYearBefore(MonthEndQuery query) => query.Month == 1 && Row.Key.Year == query.Year - 1 && WithdrawnAt >= query.Start;
}

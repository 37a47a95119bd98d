using Ledger.Contracts.Settlements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Http;

/// <summary>
/// The one rule of both NDJSON batch endpoints (settlements, registrations) for lines answered
/// "unavailable, resend": they are logged and counted (<c>ledger.api.unavailable_lines</c>, tagged with
/// the batch), and when every line is, the whole batch answers 503 with Retry-After instead of a 200
/// whose lines all say 503: a feed that takes a 200 as final would otherwise drop the batch in an outage.
/// </summary>
public static partial class UnavailableLines
{
    /// <summary>Tag values of <c>batch</c>: the endpoint the lines came to.</summary>
    public const string Settlements = "settlements";

    public const string Persons = "persons";

    /// <returns>The 503 to answer instead of the lines, or null to answer them line by line.</returns>
    public static ProblemHttpResult? Refusal(
        HttpContext context, string batch, IReadOnlyList<Rejection?> errors, Hosting.OperationsMetrics metrics, ILogger logger)
    {
        var unavailable = errors.Where(error => error?.Code == RejectionCode.Unavailable).ToList();
        if (unavailable.Count == 0)
        {
            return null;
        }
        LogLinesUnavailable(logger, unavailable.Count, errors.Count, batch);
        metrics.LinesUnavailable(batch, unavailable.Count);
        return unavailable.Count == errors.Count ? Problems.Unavailable(context, unavailable[0]!.Reason) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Unavailable} of {Lines} lines of a {Batch} batch answered 503: the cluster's storage or a silo is unavailable")]
    private static partial void LogLinesUnavailable(ILogger logger, int unavailable, int lines, string batch);
}

using Ledger.Contracts.Settlements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Http;

/// <summary>
/// RFC 7807 answers, with <c>errors</c> per field for validation failures: the one place the API's
/// problems are shaped, for the endpoints, their filters and the authentication and rate-limit handlers.
/// Typed (<see cref="ProblemHttpResult"/>) so endpoints can declare them in their <c>Results&lt;…&gt;</c>.
/// </summary>
public static class Problems
{
    public static Task Write(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);

    /// <summary>
    /// A refusal naming the field, with the title of its status (<see cref="TitleOf"/>) and the reason
    /// as detail: a 404 reads "Not Found", not the validation-failure title the errors object brings.
    /// </summary>
    public static ProblemHttpResult Field(string field, string reason, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
        {
            Status = status,
            Title = TitleOf(status),
            Detail = $"{field}: {reason}",
        });

    /// <summary>"Invalid request" for a 400, else the status's reason phrase (RFC 9110): Forbidden, Not Found, Conflict…</summary>
    public static string TitleOf(int status) => status == StatusCodes.Status400BadRequest
        ? "Invalid request"
        : Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Request refused";

    public static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.NotFound => StatusCodes.Status404NotFound,
        RejectionCode.NoPolicy or RejectionCode.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        RejectionCode.Conflict => StatusCodes.Status409Conflict,
        RejectionCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Seconds a client is asked to wait before repeating a request refused for now.</summary>
    public const int RetryAfterSeconds = 1;

    public static ProblemHttpResult From(HttpContext context, Rejection rejection)
    {
        if (rejection.Code == RejectionCode.Unavailable)
        {
            return Unavailable(context, rejection.Reason);
        }
        var status = StatusOf(rejection.Code);
        return TypedResults.Problem(new HttpValidationProblemDetails(Errors(rejection)) { Status = status, Title = TitleOf(status), Detail = Detail(rejection) });
    }

    /// <summary>The <c>errors</c> object: every field at fault with its reasons.</summary>
    private static Dictionary<string, string[]> Errors(Rejection rejection) =>
        rejection.Fields().GroupBy(problem => problem.Field, StringComparer.Ordinal)
            .ToDictionary(field => field.Key, field => field.Select(problem => problem.Reason).ToArray(), StringComparer.Ordinal);

    /// <summary>"field: reason", or "field: reason; other: reason" for each field at fault.</summary>
    private static string Detail(Rejection rejection) =>
        string.Join("; ", rejection.Fields().Select(problem => $"{problem.Field}: {problem.Reason}"));

    /// <summary>503 with Retry-After: nothing was wrong with the request, the ledger cannot take it now.</summary>
    public static ProblemHttpResult Unavailable(HttpContext context, string detail, int retryAfterSeconds = RetryAfterSeconds, string title = "Ledger unavailable")
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);
    }

    /// <summary>
    /// The problem object written inside an NDJSON batch answer for a rejected line: the same type, title
    /// and detail a single request refused for that reason gets.
    /// </summary>
    public static Dictionary<string, object?> Body(Rejection rejection)
    {
        var status = StatusOf(rejection.Code);
        return rejection.Code == RejectionCode.Unavailable
            ? new()
            {
                ["type"] = TypeOf(status),
                ["title"] = "Ledger unavailable",
                ["status"] = status,
                ["detail"] = rejection.Reason,
            }
            : new()
            {
                ["type"] = TypeOf(status),
                ["title"] = TitleOf(status),
                ["status"] = status,
                ["detail"] = Detail(rejection),
                ["errors"] = Errors(rejection),
            };
    }

    /// <summary>The RFC 9110 section of a status, as ASP.NET Core's problem details name it.</summary>
    private static string TypeOf(int status) => "https://tools.ietf.org/html/rfc9110#section-" + status switch
    {
        StatusCodes.Status404NotFound => "15.5.5",
        StatusCodes.Status409Conflict => "15.5.10",
        StatusCodes.Status422UnprocessableEntity => "15.5.21",
        StatusCodes.Status503ServiceUnavailable => "15.6.4",
        _ => "15.5.1",
    };
}

using Ledger.Contracts.Settlements;

namespace Ledger.Silo.Security;

/// <summary>RFC 7807 answers, with <c>errors</c> per field for validation failures.</summary>
public static class Problems
{
    public static Task Write(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Outside your regions", detail: detail);

    public static IResult Field(string field, string reason, int status = StatusCodes.Status400BadRequest) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] }, statusCode: status,
            title: status == StatusCodes.Status400BadRequest ? "Invalid request" : null);

    public static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.NotFound => StatusCodes.Status404NotFound,
        RejectionCode.NoPolicy => StatusCodes.Status422UnprocessableEntity,
        RejectionCode.Conflict => StatusCodes.Status409Conflict,
        RejectionCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult From(Rejection rejection) => Field(rejection.Field, rejection.Reason, StatusOf(rejection.Code));

    /// <summary>The problem object written inside an NDJSON batch answer for a rejected line.</summary>
    public static Dictionary<string, object?> Body(Rejection rejection) => new()
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        ["title"] = "Invalid settlement",
        ["status"] = StatusOf(rejection.Code),
        ["errors"] = new Dictionary<string, string[]> { [rejection.Field] = [rejection.Reason] },
    };
}

using System.Globalization;
using Ledger.Contracts.Settlements;
using Ledger.Silo.Security.Audit;
using Ledger.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Apis;

/// <summary>
/// The audit trail for operators: who read or wrote a subject, or what one key did. Newest first, a page
/// at a time: a full page links to the next (<c>Link: &lt;…&gt;; rel="next"</c>), which asks for the lines
/// older than its last one (<c>before</c> its <c>at</c>, <c>before_id</c> its <c>id</c>).
/// </summary>
public static class AuditApi
{
    public const int LimitMax = 1_000;

    /// <summary>RFC 3339: a date, a time (fractions of a second optional) and an offset or Z.</summary>
    private static readonly string[] Rfc3339 = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", Find).WithName("GetAudit")
            .WithSummary("Audit lines, newest first, by subject (person:P-1, household:H-1, settlement:S-1, region:35, events:35, journal:35:2024, monitoring:35:2024, report:35:2024-03, adjustments:35:2024-03) and/or key_id; older ones before=<at>&before_id=<id> of the last line read (the Link rel=\"next\" of a full page)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> Find(string? subject, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "key_id")] string? keyId, int? limit,
        string? before, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "before_id")] long? beforeId, HttpContext context, IAuditTrail trail, CancellationToken cancellationToken)
    {
        // Every bad parameter in one problem, as for any other request.
        List<FieldReason> problems = [];
        if (limit is < 1 or > LimitMax)
        {
            problems.Add(new("limit", $"must be between 1 and {LimitMax}"));
        }
        if (subject is { Length: > 100 })
        {
            problems.Add(new("subject", "is too long"));
        }
        if (keyId is { Length: > 64 })
        {
            problems.Add(new("key_id", "is too long"));
        }
        DateTimeOffset? cursor = null;
        if (before is not null)
        {
            if (DateTimeOffset.TryParseExact(before, Rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                cursor = at;
            }
            else
            {
                problems.Add(new("before", "must be an RFC 3339 time with an offset (the at of the last line read; + as %2B in a URL)"));
            }
        }
        if (beforeId is not null && (before is null || beforeId < 1))
        {
            problems.Add(new("before_id", before is null ? "is given only with before (the at of the same line)" : "must be 1 or more"));
        }
        if (problems.Count > 0)
        {
            return Problems.From(context, Rejection.Invalid(problems));
        }
        var query = new AuditQuery(subject, keyId, limit ?? 100, cursor, beforeId);
        var lines = await trail.Find(query, cancellationToken);
        if (lines.Count == query.Limit)
        {
            context.Response.Headers.Link = $"<{Next(context.Request, lines[^1])}>; rel=\"next\"";
        }
        return TypedResults.Ok(lines);
    }

    /// <summary>The same query for the lines older than <paramref name="last"/>.</summary>
    private static string Next(HttpRequest request, AuditEntry last)
    {
        var query = request.Query.Where(pair => pair.Key is not ("before" or "before_id")).SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value)))
            .Append(KeyValuePair.Create("before", (string?)last.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("before_id", (string?)last.Id.ToString(CultureInfo.InvariantCulture)));
        return request.PathBase + request.Path + QueryString.Create(query);
    }
}

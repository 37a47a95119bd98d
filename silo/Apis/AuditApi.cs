using Ledger.Silo.Security.Audit;
using Ledger.Silo.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Apis;

/// <summary>The audit trail for operators: who read or wrote a subject, or what one key did.</summary>
public static class AuditApi
{
    public const int LimitMax = 1_000;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", Find).WithName("GetAudit")
            .WithSummary("Audit lines, newest first, by subject (person:P-1, household:H-1, settlement:S-1, region:35, events:35, journal:35:2024, monitoring:35:2024, report:35:2024-03, adjustments:35:2024-03) and/or key_id");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> Find(string? subject, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "key_id")] string? keyId, int? limit,
        IAuditTrail trail, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > LimitMax)
        {
            return Problems.Field("limit", $"must be between 1 and {LimitMax}");
        }
        if (subject is { Length: > 100 } || keyId is { Length: > 64 })
        {
            return Problems.Field(subject is { Length: > 100 } ? "subject" : "key_id", "is too long");
        }
        var lines = await trail.Find(new AuditQuery(subject, keyId, limit ?? 100), cancellationToken);
        return TypedResults.Ok(lines);
    }
}

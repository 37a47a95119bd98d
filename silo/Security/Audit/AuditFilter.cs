using System.Globalization;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Silo.Http;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Security.Audit;

/// <summary>
/// Records every request an endpoint of /api answers, refusals by scope included: the key's id, the
/// time, the subject (<see cref="AuditSubject"/>, or each line's id for a batch) and the outcome. The
/// answer goes out only once the trail holds it. Requests refused before the endpoint runs are
/// <see cref="RefusalAudit"/>'s.
/// </summary>
public sealed class AuditFilter(IAuditTrail trail, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var at = time.GetUtcNow();
        var keyId = http.Caller().KeyId;
        var action = ActionOf(http);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception error)
        {
            if (MarkRecorded(http))
            {
                var outcome = error is BadHttpRequestException bad ? bad.StatusCode.ToString(CultureInfo.InvariantCulture) : "failed";
                await trail.Record([new AuditEntry(at, keyId, action, AuditSubject.Of(http), outcome)], CancellationToken.None);
            }
            throw;
        }
        // A typed handler answers Results<…>: the trail records what it wraps.
        var answered = result is INestedHttpResult nested ? nested.Result : result;
        IReadOnlyList<AuditEntry> entries = answered switch
        {
            NdjsonResult<SettlementResult, SettlementAnswer> batch =>
                [.. batch.Items.Select(answer => new AuditEntry(at, keyId, action, AuditSubject.Settlement(answer.SetlId), answer.Status))],
            NdjsonResult<RegistrationOutcome, RegistrationAnswer> roll =>
                [.. roll.Items.Select(outcome => new AuditEntry(at, keyId, action, AuditSubject.Typed("person", outcome.PsnNo), outcome.Status))],
            _ => Single(http, at, keyId, action, answered),
        };
        MarkRecorded(http);
        await trail.Record(entries, CancellationToken.None);
        return result;
    }

    /// <summary>
    /// One line for the request's subject, and, when it was answered, one per member a household read
    /// handed out: recorded with it in one write (one COPY round in PostgreSQL), not one per member.
    /// </summary>
    private static List<AuditEntry> Single(HttpContext http, DateTimeOffset at, string keyId, string action, object? answered)
    {
        var outcome = Outcome(http, answered);
        var subject = answered is Ok<SettlementAnswer> { Value: { } single } ? AuditSubject.Settlement(single.SetlId) : AuditSubject.Of(http);
        List<AuditEntry> entries = [new AuditEntry(at, keyId, action, subject, outcome)];
        if (outcome.StartsWith('2'))
        {
            entries.AddRange(AuditSubject.Members(http).Select(member => new AuditEntry(at, keyId, action, member, outcome)));
        }
        return entries;
    }

    public static string ActionOf(HttpContext http) => HttpMethods.IsGet(http.Request.Method) ? AuditEntry.Read : AuditEntry.Write;

    /// <summary>Marks the request as audited; false when it was already (one request, one account of it).</summary>
    public static bool MarkRecorded(HttpContext http) => http.Items.TryAdd(typeof(AuditFilter), true);

    private static string Outcome(HttpContext http, object? result) =>
        (result is IStatusCodeHttpResult { StatusCode: { } status } ? status : http.Response.StatusCode).ToString(CultureInfo.InvariantCulture);
}

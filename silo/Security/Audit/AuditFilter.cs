using System.Globalization;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Settlements;
using Ledger.Silo.Http;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Security.Audit;

/// <summary>
/// Records every request an endpoint of /api answers, refusals by scope included: the key's id, the
/// time, the subject (from the route, or each line's settlement id for a batch) and the outcome. The
/// answer goes out only once the trail holds it.
/// </summary>
public sealed class AuditFilter(IAuditTrail trail, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var at = time.GetUtcNow();
        var keyId = http.Caller().KeyId;
        var action = HttpMethods.IsGet(http.Request.Method) ? AuditEntry.Read : AuditEntry.Write;
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception)
        {
            await trail.Record([new AuditEntry(at, keyId, action, Subject(http), "failed")], CancellationToken.None);
            throw;
        }
        // A typed handler answers Results<…>: the trail records what it wraps.
        var answered = result is INestedHttpResult nested ? nested.Result : result;
        IReadOnlyList<AuditEntry> entries = answered switch
        {
            NdjsonResult<SettlementResult, SettlementAnswer> batch =>
                [.. batch.Items.Select(answer => new AuditEntry(at, keyId, action, Settlement(answer.SetlId), answer.Status))],
            NdjsonResult<RegistrationOutcome, RegistrationAnswer> roll =>
                [.. roll.Items.Select(outcome => new AuditEntry(at, keyId, action, Typed("person", outcome.PsnNo), outcome.Status))],
            _ => [new AuditEntry(at, keyId, action, answered is Ok<SettlementAnswer> { Value: { } single } ? Settlement(single.SetlId) : Subject(http),
                Outcome(http, answered))],
        };
        await trail.Record(entries, CancellationToken.None);
        return result;
    }

    private static string Subject(HttpContext http)
    {
        var route = http.Request.RouteValues;
        return route["psnNo"] is string psnNo ? Typed("person", psnNo)
            : route["householdId"] is string householdId ? Typed("household", householdId)
            : route["setlId"] is string setlId ? Settlement(setlId)
            : route["code"] is string code ? Typed("region", code)
            : http.Request.Query["region"].FirstOrDefault() is { } region ? Typed("events", region)
            : http.Request.Path.Value?.TrimStart('/').Replace("api/", "", StringComparison.Ordinal) ?? "";
    }

    private static string Settlement(string? setlId) => Typed("settlement", setlId);

    /// <summary>A subject with its id, or with "invalid" in its place when the id is not one (it may be anything a caller typed).</summary>
    private static string Typed(string type, string? id) =>
        $"{type}:{(SettlementInput.IdProblem(id, type) is null ? id : "invalid")}";

    private static string Outcome(HttpContext http, object? result) =>
        (result is IStatusCodeHttpResult { StatusCode: { } status } ? status : http.Response.StatusCode).ToString(CultureInfo.InvariantCulture);
}

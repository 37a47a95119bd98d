using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Contracts;
using Ledger.Silo.Http;
using Ledger.Silo.Security.Directory;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Security;

/// <summary>
/// A feed key scoped to region prefixes writes only inside them, else 403 and nothing is applied:
/// a registration's region_code, and the region the person is registered in now (if any), on every line
/// of a roll the endpoint would accept; the person of a settlement or reversal, on every line of a batch, where a person the
/// directory does not know counts as outside (the answer does not tell the two apart). Unscoped feeds
/// pass untouched, at no cost. The body is read here once and handed on to the endpoint (RequestBody),
/// and a registration's lines are parsed and validated here once for both (RegistrationLines).
/// </summary>
public sealed class WriteScopeFilter(IRegionDirectory directory, long bodyBytesMax, long batchBytesMax = 0, bool registrations = false) : IEndpointFilter
{
    private static readonly JsonSerializerOptions Peeking = new(LedgerJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.Caller();
        if (!caller.IsScoped)
        {
            return await next(context);
        }
        var ndjson = BodyFormats.Of(http.Request.ContentType) == BodyFormat.Ndjson && batchBytesMax > 0;
        var body = await RequestBody.Read(http, ndjson ? batchBytesMax : bodyBytesMax);
        var lines = body is null ? [] : ndjson ? NdjsonLines.Split(body) : [body.AsMemory()];
        if (registrations)
        {
            var routed = http.Request.RouteValues["psnNo"] as string;
            return await Registrations(context, next, caller, routed, body is null ? [] : RegistrationLines.Of(http, routed, body, lines), ndjson);
        }
        var subjects = lines.Select(Peek).ToList();
        if (!ndjson)
        {
            // A single settlement refused here is audited under its id, as the endpoint would.
            Audit.AuditSubject.Name(http, "settlement", subjects.FirstOrDefault()?.SetlId);
        }
        var persons = subjects.Select(subject => subject?.PsnNo).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var regions = persons.Count == 0 ? new Dictionary<string, string>() : await directory.RegionsOfPersons(persons, http.RequestAborted);
        for (var line = 0; line < subjects.Count; line++)
        {
            if (subjects[line]?.PsnNo is { } psnNo && !(regions.TryGetValue(psnNo, out var region) && caller.Covers(region)))
            {
                return NotOfThisKey(ndjson ? $"line {line + 1}: " : "");
            }
        }
        return await next(context);
    }

    /// <summary>
    /// Registrations: each line the endpoint will accept (an invalid one it refuses the same way whoever
    /// is registered, so the scope is not asked about it), first its region_code, then the region its
    /// person is registered in now. A key may register a person it has never seen, so a person registered
    /// outside its regions is refused only where a new one would be accepted, with the answer a settlement
    /// feed gets for a person that is not its own, whether unknown or elsewhere; it never says where.
    /// </summary>
    private async ValueTask<object?> Registrations(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, Caller caller, string? routed, IReadOnlyList<RegistrationLine> lines, bool ndjson)
    {
        var http = context.HttpContext;
        // The lines the endpoint will register, by its own checks.
        var accepted = Enumerable.Range(0, lines.Count).Where(line => lines[line].Error is null).ToList();
        var registered = accepted.Select(line => lines[line].PsnNo).Distinct(StringComparer.Ordinal).ToList();
        var now = registered.Count == 0 ? new Dictionary<string, string>() : await directory.RegionsOfPersons(registered, http.RequestAborted);
        foreach (var line in accepted)
        {
            var where = ndjson ? $"line {line + 1}: " : "";
            if (!caller.Covers(lines[line].Profile!.RegionCode))
            {
                return Problems.Field("region_code", where + "is outside this key's regions", StatusCodes.Status403Forbidden);
            }
            if (now.TryGetValue(lines[line].PsnNo, out var current) && !caller.Covers(current))
            {
                return NotOfThisKey(where);
            }
        }
        return await next(context);
    }

    /// <summary>One answer for a person who is not this key's, whether registered elsewhere or nowhere.</summary>
    private static ProblemHttpResult NotOfThisKey(string where) =>
        Problems.Field("psn_no", where + "not a person of this key's regions; nothing of the request was applied", StatusCodes.Status403Forbidden);

    /// <summary>The fields the scope depends on, as the endpoint will read them; null when the line is not readable (the endpoint refuses it).</summary>
    private static Subject? Peek(ReadOnlyMemory<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize<Subject>(line.Span, Peeking);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Subject(string? PsnNo, string? SetlId);
}

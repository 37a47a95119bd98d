using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Contracts;
using Ledger.Silo.Http;
using Ledger.Silo.Security.Directory;

namespace Ledger.Silo.Security;

/// <summary>
/// A feed key scoped to region prefixes writes only inside them, else 403 and nothing is applied:
/// a registration's region_code, and the region the person is registered in now (if any), on every line
/// of a roll; the person of a settlement or reversal, on every line of a batch, where a person the
/// directory does not know counts as outside (the answer does not tell the two apart). Unscoped feeds
/// pass untouched, at no cost. The body is read here once and handed on to the endpoint (RequestBody).
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
        var subjects = lines.Select(Peek).ToList();
        if (!ndjson && !registrations)
        {
            // A single settlement refused here is audited under its id, as the endpoint would.
            Audit.AuditSubject.Name(http, "settlement", subjects.FirstOrDefault()?.SetlId);
        }
        if (registrations)
        {
            // Registrations: each person as registered now, and the region each line asks for.
            var routed = http.Request.RouteValues["psnNo"] as string;
            var registered = subjects.Select(subject => routed ?? subject?.PsnNo).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var now = registered.Count == 0 ? new Dictionary<string, string>() : await directory.RegionsOfPersons(registered, http.RequestAborted);
            for (var line = 0; line < subjects.Count; line++)
            {
                var where = ndjson ? $"line {line + 1}: " : "";
                if ((routed ?? subjects[line]?.PsnNo) is { } psnNo && now.TryGetValue(psnNo, out var current) && !caller.Covers(current))
                {
                    return Problems.Field("psn_no", where + "this person belongs to a region outside this key's regions", StatusCodes.Status403Forbidden);
                }
                if (subjects[line]?.RegionCode is { } region && !caller.Covers(region))
                {
                    return Problems.Field("region_code", where + "is outside this key's regions", StatusCodes.Status403Forbidden);
                }
            }
            return await next(context);
        }
        var persons = subjects.Select(subject => subject?.PsnNo).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var regions = persons.Count == 0 ? new Dictionary<string, string>() : await directory.RegionsOfPersons(persons, http.RequestAborted);
        for (var line = 0; line < subjects.Count; line++)
        {
            if (subjects[line]?.PsnNo is { } psnNo && !(regions.TryGetValue(psnNo, out var region) && caller.Covers(region)))
            {
                return Problems.Field("psn_no", (ndjson ? $"line {line + 1}: " : "") + "not a person of this key's regions; nothing of the request was applied",
                    StatusCodes.Status403Forbidden);
            }
        }
        return await next(context);
    }

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

    private sealed record Subject(string? PsnNo, string? RegionCode, string? SetlId);
}

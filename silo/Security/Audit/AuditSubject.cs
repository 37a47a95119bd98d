using Ledger.Grains.Settlements;
using Microsoft.AspNetCore.Diagnostics;

namespace Ledger.Silo.Security.Audit;

/// <summary>
/// What an audit line is about: the id in the route (<c>person:P-1</c>, <c>household:H-1</c>,
/// <c>settlement:S-1</c>), else what the endpoint named from the body (a single settlement), else the
/// region (<c>region:35</c>, <c>events:35</c>, or what a region read hands out: <c>journal:35:2024</c>),
/// else the path. The same for answered and refused requests.
/// </summary>
public static class AuditSubject
{
    /// <summary>Names the subject of this request from its body, for a route that does not carry it.</summary>
    public static void Name(HttpContext http, string type, string? id)
    {
        if (!string.IsNullOrEmpty(id))
        {
            http.Items[typeof(AuditSubject)] = Typed(type, id);
        }
    }

    /// <summary>
    /// Names a region read by what it hands out, so it can be found apart from a KPI read:
    /// <c>journal:35:2024</c>, <c>monitoring:35:2024</c>, <c>report:35:2024-03</c>. The region and period
    /// are checked by the endpoint before it names them.
    /// </summary>
    public static void NameRegionRead(HttpContext http, string type, string region, string period)
    {
        if (region.Length is > 0 and <= 6 && region.All(char.IsAsciiDigit))
        {
            http.Items[typeof(AuditSubject)] = $"{type}:{region}:{period}";
        }
    }

    /// <summary>
    /// The persons a successful read hands out besides its subject (a household's members): each gets a
    /// line of its own, so "who read person X" finds the household reads too.
    /// </summary>
    public static void NameMembers(HttpContext http, IEnumerable<string> psnNos) => http.Items[MembersKey] = psnNos.ToList();

    /// <summary>The subject lines of the persons a read named with <see cref="NameMembers"/>.</summary>
    public static IEnumerable<string> Members(HttpContext http) =>
        http.Items[MembersKey] is List<string> members ? members.Select(psnNo => Typed("person", psnNo)) : [];

    private static readonly object MembersKey = new();

    public static string Of(HttpContext http)
    {
        // Once an exception handler answers, the request's route values are cleared; its feature keeps them.
        var route = http.Request.RouteValues.Count == 0 && http.Features.Get<IExceptionHandlerFeature>()?.RouteValues is { } kept
            ? kept : http.Request.RouteValues;
        return route["psnNo"] is string psnNo ? Typed("person", psnNo)
            : route["householdId"] is string householdId ? Typed("household", householdId)
            : route["setlId"] is string setlId ? Settlement(setlId)
            // Named from the body only where the route names nothing: a body cannot relabel a route's subject.
            : http.Items[typeof(AuditSubject)] is string named ? named
            : route["code"] is string code ? Typed("region", code)
            : http.Request.Query["region"] is { Count: 1 } region
                ? Typed(http.Request.Path.StartsWithSegments("/api/events", StringComparison.Ordinal) ? "events" : "region", region[0])
            : http.Request.Path.Value?.TrimStart('/').Replace("api/", "", StringComparison.Ordinal) ?? "";
    }

    public static string Settlement(string? setlId) => Typed("settlement", setlId);

    /// <summary>A subject with its id, or with "invalid" in its place when the id is not one (it may be anything a caller typed).</summary>
    public static string Typed(string type, string? id) =>
        $"{type}:{(SettlementInput.IdProblem(id, type) is null ? id : "invalid")}";
}

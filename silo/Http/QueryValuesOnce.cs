using System.Text.RegularExpressions;
using Ledger.Silo.Security.Audit;

namespace Ledger.Silo.Http;

/// <summary>
/// Marks routes whose query parameters each take one value. A repeated one (<c>?region=35&amp;region=62</c>)
/// is refused with 400 naming it: ASP.NET would bind the values joined by a comma while the scope
/// checks read the first, so the request would mean two things at once.
/// </summary>
public sealed partial class QueryValuesOnce
{
    public static readonly QueryValuesOnce Instance = new();

    /// <summary>Runs after authorization and before the endpoint binds its parameters.</summary>
    public static async Task Check(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<QueryValuesOnce>() is not null
            && context.Request.Query.FirstOrDefault(parameter => parameter.Value.Count > 1) is { Key: { } repeated })
        {
            await context.RequestServices.GetRequiredService<RefusalAudit>().Record(context, StatusCodes.Status400BadRequest);
            // The name is echoed only when it looks like one of ours: it is whatever the caller typed.
            await Problems.Field(WireName().IsMatch(repeated) ? repeated : "query", "must be given once").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    [GeneratedRegex("^[a-z][a-z_]{0,31}$")]
    private static partial Regex WireName();
}

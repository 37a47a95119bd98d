using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledger.Silo.Security;

/// <summary>
/// A redirect never repeats <c>?key=</c>: the dashboard sends <c>/dashboard</c> to <c>/dashboard/</c>
/// with the request's query, and a key in a URL ends up in logs and browser history. Only requests
/// that carry one pay for the check.
/// </summary>
public static class KeyFreeRedirects
{
    public const string QueryKey = "key";

    public static Task Strip(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Query.ContainsKey(QueryKey))
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.Headers.Location.ToString() is { Length: > 0 } location && location.IndexOf('?', StringComparison.Ordinal) is var at and >= 0)
                {
                    context.Response.Headers.Location = location[..at] + WithoutKey(location[at..]);
                }
                return Task.CompletedTask;
            });
        }
        return next(context);
    }

    private static string WithoutKey(string query)
    {
        var kept = new QueryBuilder();
        foreach (var (name, values) in QueryHelpers.ParseQuery(query))
        {
            if (!name.Equals(QueryKey, StringComparison.OrdinalIgnoreCase))
            {
                kept.Add(name, (IEnumerable<string>)values!);
            }
        }
        return kept.ToQueryString().Value ?? "";
    }
}

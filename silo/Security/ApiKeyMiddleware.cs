namespace Ledger.Silo.Security;

/// <summary>
/// Resolves <c>X-Api-Key</c> (or <c>?key=</c>, for EventSource and the dashboard, which cannot send
/// headers) for /api and /dashboard; anything else (health, metrics, the page) is open. 401 without a
/// valid key; the dashboard is for operators only.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys)
{
    public const string HeaderName = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var guarded = path.StartsWithSegments("/api") || path.StartsWithSegments("/dashboard");
        if (!guarded)
        {
            await next(context);
            return;
        }
        var key = context.Request.Headers[HeaderName].FirstOrDefault() ?? context.Request.Query["key"].FirstOrDefault();
        var caller = keys.Find(key);
        if (caller is null)
        {
            await Problems.Write(context, StatusCodes.Status401Unauthorized, "Missing or unknown API key",
                $"Send a valid key in the {HeaderName} header.");
            return;
        }
        if (path.StartsWithSegments("/dashboard") && caller.Role != Roles.Operator)
        {
            await Problems.Write(context, StatusCodes.Status403Forbidden, "Operators only", "The dashboard is for operators.");
            return;
        }
        context.Items[typeof(Caller)] = caller;
        await next(context);
    }
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) => (Caller)context.Items[typeof(Caller)]!;
}

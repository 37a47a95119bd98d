using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Silo.Health;

/// <summary>
/// The body of a health answer: the overall status and each check's status and one-line description,
/// so an operator sees which condition holds a silo back. No exception text: it may name hosts and
/// users. <c>{"status":"Unhealthy","checks":{"storage":{"status":"Unhealthy","description":"…"}}}</c>
/// </summary>
public static class HealthAnswer
{
    public static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(entry => entry.Key, entry => new Dictionary<string, string>
            {
                ["status"] = entry.Value.Status.ToString(),
                ["description"] = entry.Value.Description ?? "",
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

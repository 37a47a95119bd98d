using System.Net;

namespace Ledger.Api.Tests.Security;

/// <summary>Lines of the audit trail as <c>GET /api/audit</c> answers them, newest first.</summary>
internal static class AuditLines
{
    public static async Task<List<AuditLine>> Find(HttpClient operatorClient, string query)
    {
        var response = await operatorClient.GetAsync($"/api/audit?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Wire.Body(response)).EnumerateArray().Select(line => new AuditLine(
            line.GetProperty("at").GetDateTimeOffset(), line.GetProperty("key_id").GetString()!, line.GetProperty("action").GetString()!,
            line.GetProperty("subject").GetString()!, line.GetProperty("outcome").GetString()!))];
    }
}

internal sealed record AuditLine(DateTimeOffset At, string KeyId, string Action, string Subject, string Outcome);

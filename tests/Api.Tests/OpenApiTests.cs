using System.Text.Json;

namespace Ledger.Api.Tests;

/// <summary>The OpenAPI document shows what each main route answers, not only that it exists.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(LedgerApiFactory factory)
{
    [Theory]
    [InlineData("/api/persons/{psnNo}", "get", "application/json", "PersonView")]
    [InlineData("/api/persons/{psnNo}", "put", "application/json", "PersonView")]
    [InlineData("/api/persons/{psnNo}/settlements", "get", "application/json", "HistoryPage")]
    [InlineData("/api/persons", "post", "application/x-ndjson", "RegistrationAnswer")]
    [InlineData("/api/households/{householdId}", "get", "application/json", "HouseholdView")]
    [InlineData("/api/households/{householdId}/settlements", "get", "application/json", "HistoryPage")]
    [InlineData("/api/settlements", "post", "application/json", "SettlementAnswer")]
    [InlineData("/api/settlements", "post", "application/x-ndjson", "SettlementAnswer")]
    [InlineData("/api/settlements/{setlId}/reversal", "post", "application/json", "SettlementAnswer")]
    [InlineData("/api/regions/{code}/kpis", "get", "application/json", "RegionKpis")]
    [InlineData("/api/regions/{code}/monitoring", "get", "application/json", "MonitoringPage")]
    [InlineData("/api/regions/{code}/reports/monthly", "get", "application/json", "MonthlySummary")]
    [InlineData("/api/journal", "get", "application/x-ndjson", "JournalEntryView")]
    [InlineData("/api/audit", "get", "application/json", null)]
    [InlineData("/api/policies", "get", "application/json", "PoliciesAnswer")]
    public async Task A_main_route_documents_its_answer_and_its_problems(string path, string method, string mediaType, string? schema)
    {
        var responses = await ResponsesAsync(path, method);

        var answer = responses.GetProperty("200").GetProperty("content").GetProperty(mediaType).GetProperty("schema");
        if (schema is null)
        {
            Assert.Equal("array", answer.GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal($"#/components/schemas/{schema}", answer.GetProperty("$ref").GetString());
        }
        Assert.True(responses.TryGetProperty("400", out _), $"{method} {path} declares no 400");
    }

    /// <summary>What every /api route may answer (LedgerApi): a bad query, no known key, the key's role, the rate limiter, storage or the audit trail down.</summary>
    private static readonly int[] EveryRoute = [400, 401, 403, 429, 503];

    [Theory]
    [InlineData("/api/persons/{psnNo}", "get", new[] { 404 })]
    [InlineData("/api/persons/{psnNo}/settlements", "get", new[] { 404 })]
    [InlineData("/api/households/{householdId}", "get", new[] { 404 })]
    [InlineData("/api/households/{householdId}/settlements", "get", new[] { 404 })]
    [InlineData("/api/persons/{psnNo}", "put", new[] { 409, 413, 415 })]
    [InlineData("/api/persons", "post", new[] { 413, 415 })]
    [InlineData("/api/settlements", "post", new[] { 404, 409, 413, 415, 422 })]
    [InlineData("/api/settlements/{setlId}/reversal", "post", new[] { 404, 409, 413, 415 })]
    [InlineData("/api/regions/{code}/reports/monthly", "get", new[] { 404 })]
    [InlineData("/api/regions/{code}/reports/adjustments", "get", new[] { 404 })]
    [InlineData("/api/events/stream", "get", new[] { 404, 410 })]
    [InlineData("/api/audit", "get", new int[0])]
    [InlineData("/api/policies", "get", new int[0])]
    public async Task A_route_documents_every_problem_status_it_answers(string path, string method, int[] statuses)
    {
        var responses = await ResponsesAsync(path, method);

        var documented = responses.EnumerateObject().Select(response => response.Name).Where(status => status != "200").Order().ToList();
        Assert.Equal(EveryRoute.Concat(statuses).Select(status => status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), documented);
        Assert.All(documented, status => Assert.True(
            responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {status} is not a problem"));
    }

    [Theory]
    [InlineData("/api/regions/{code}/reports/monthly", new[] { "application/json", "text/csv" })]
    [InlineData("/api/regions/{code}/reports/adjustments", new[] { "text/csv" })]
    public async Task A_report_documents_its_csv_answer(string path, string[] mediaTypes)
    {
        var answer = (await ResponsesAsync(path, "get")).GetProperty("200").GetProperty("content");

        Assert.Equal(mediaTypes, answer.EnumerateObject().Select(media => media.Name).Order());
        Assert.Equal("string", answer.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
    }

    private async Task<JsonElement> ResponsesAsync(string path, string method)
    {
        using var document = JsonDocument.Parse(await factory.Client(LedgerApiFactory.OperatorKey).GetStringAsync("/openapi/v1.json"));
        return document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").Clone();
    }
}

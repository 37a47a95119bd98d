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
        using var document = JsonDocument.Parse(await factory.Client(LedgerApiFactory.OperatorKey).GetStringAsync("/openapi/v1.json"));
        var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

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
}

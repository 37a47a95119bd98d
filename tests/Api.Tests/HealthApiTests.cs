using System.Net;
using System.Text.Json;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HealthApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Live_answers_200_without_a_key_and_runs_no_check()
    {
        var response = await factory.Client(null).GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Wire.Body(response);
        Assert.Equal(("Healthy", 0), (body.GetProperty("status").GetString(), body.GetProperty("checks").EnumerateObject().Count()));
    }

    [Fact]
    public async Task Ready_answers_200_once_joined_with_storage_policies_and_not_draining_each_described()
    {
        var client = factory.Client(null);
        JsonElement body = default;
        await Poll.Until(async () =>
        {
            var response = await client.GetAsync("/health/ready");
            body = await Wire.Body(response);
            return response.StatusCode == HttpStatusCode.OK;
        }, "/health/ready to answer 200", 60_000, 50);

        var checks = body.GetProperty("checks").EnumerateObject().ToDictionary(check => check.Name, check => check.Value.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["api-keys"] = "Healthy", ["cluster"] = "Healthy", ["storage"] = "Healthy", ["policies"] = "Healthy", ["accepting"] = "Healthy",
            ["projections"] = "Healthy",
        }, checks);
        Assert.Matches("^[1-9][0-9]* policies: ", body.GetProperty("checks").GetProperty("policies").GetProperty("description").GetString());
        Assert.Equal("embedded: in memory", body.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString());
    }
}

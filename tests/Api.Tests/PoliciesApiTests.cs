using System.Net;
using Ledger.Policy.Loading;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class PoliciesApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Operators_read_every_loaded_policy_with_its_values_and_dates()
    {
        var response = await factory.Client(LedgerApiFactory.OperatorKey).GetAsync("/api/policies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policies = (await Wire.Body(response)).GetProperty("policies").EnumerateArray().ToList();
        var loaded = factory.Services.GetRequiredService<PolicyCatalogue>();
        Assert.Equal(loaded.Policies.Select(policy => policy.Id).Order(StringComparer.Ordinal), policies.Select(policy => policy.GetProperty("id").GetString()));
        var fujian = PolicyListing.Of(loaded.Policies.Single(policy => policy.RegionPrefixes.Contains("35")));
        var answered = policies.Single(policy => policy.GetProperty("id").GetString() == fujian.Id).GetProperty("values").EnumerateArray()
            .Select(value => $"{value.GetProperty("key").GetString()} {value.GetProperty("from").GetString()} {value.GetProperty("value").GetString()}").ToList();
        Assert.Equal(fujian.Values.Select(value => $"{value.Key} {value.From:yyyy-MM-dd} {value.Value}"), answered);
    }

    [Theory]
    [InlineData(LedgerApiFactory.FeedKey)]
    [InlineData(LedgerApiFactory.CaseworkerKey)]
    public async Task Anyone_else_is_refused(string key)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(key).GetAsync("/api/policies")).StatusCode);
    }
}

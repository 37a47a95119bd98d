using System.Net;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HouseholdsApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Household_read_shows_members_totals_and_cap_usage()
    {
        // Jinhua: a dibao household's burden is capped at 50 000 (002 二(四)11).
        var householdId = Wire.Id("H");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var members = new[] { Wire.Id("P"), Wire.Id("P") };
        foreach (var psnNo in members)
        {
            await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, """{"type":"dibao","begin":"2021-01-01"}""", "330702")));
            await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), psnNo, 28_000m, 0m)));
        }

        var response = await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/households/{householdId}?year=2022");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Wire.Body(response);
        var caps = body.GetProperty("caps");
        Assert.Equal((30_000m, 50_000m, 50_000m, 0m), (caps.GetProperty("individual_cap").GetDecimal(), caps.GetProperty("household_cap").GetDecimal(),
            caps.GetProperty("household_burden").GetDecimal(), caps.GetProperty("household_cap_remaining").GetDecimal()));
        Assert.Equal((56_000m, 6_000m, 2), (body.GetProperty("totals").GetProperty("medfee_sumamt").GetDecimal(),
            body.GetProperty("totals").GetProperty("warm_fund_pay").GetDecimal(), body.GetProperty("members").GetArrayLength()));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/households/{Wire.Id("H")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync($"/api/households/{householdId}?year=2022")).StatusCode);
    }

    [Theory]
    [InlineData("/api/households/H-1?year=1999", "year")]
    [InlineData("/api/persons/P-1?year=3000", "year")]
    [InlineData("/api/persons/P-1?year=abc", "year")]
    [InlineData("/api/regions/35/kpis?year=2014", "year")]
    [InlineData("/api/regions/35/monitoring?page_size=many", "page_size")]
    [InlineData("/api/regions/35/reports/monthly?month=1999-01", "month")]
    public async Task Read_with_a_year_or_page_out_of_bounds_is_a_problem_naming_the_parameter(string path, string field)
    {
        var response = await factory.Client(LedgerApiFactory.OperatorKey).GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Wire.Body(response)).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    [Theory]
    [InlineData("identities")]
    [InlineData("household_id")]
    [InlineData("region_code")]
    public async Task Profile_with_a_null_field_is_refused_naming_it(string field)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(Wire.Person(Wire.Id("H")))!.AsObject();
        body[field] = null;

        var response = await factory.Client(LedgerApiFactory.FeedKey).PutAsync($"/api/persons/{Wire.Id("P")}", LedgerApiFactory.Json(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Wire.Body(response)).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }
}

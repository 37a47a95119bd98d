using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Refusals say what they are: a title that fits the status, a detail with the reason, a repeated
/// query parameter named; and a redirect never repeats a key given in the URL.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemAnswerTests(LedgerApiFactory factory)
{
    [Theory]
    [InlineData("/api/events/stream?region=35&region=62", "region")]
    [InlineData("/api/regions/35/kpis?year=2022&year=2023", "year")]
    [InlineData("/api/regions/35/monitoring?page=1&page=2", "page")]
    [InlineData("/api/regions/35/monitoring?page_size=5&page_size=6", "page_size")]
    [InlineData("/api/regions/35/reports/monthly?month=2022-03&month=2022-04", "month")]
    [InlineData("/api/persons/P-1?year=2022&year=2022", "year")]
    public async Task A_repeated_query_parameter_is_a_400_naming_it(string path, string field)
    {
        using var response = await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Wire.Body(response);
        Assert.Equal(["must be given once"], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(reason => reason.GetString()));
        Assert.Equal("Invalid request", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Refusals_of_403_404_and_409_carry_the_title_of_their_status_and_the_reason()
    {
        var (householdId, first, second, foreign) = (Wire.Id("H"), Wire.Id("P"), Wire.Id("P"), Wire.Id("P"));
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        await feed.PutAsync($"/api/persons/{first}", LedgerApiFactory.Json(Wire.Person(householdId, region: "350102")));
        await feed.PutAsync($"/api/persons/{foreign}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: "350202")));

        var conflict = await feed.PutAsync($"/api/persons/{second}", LedgerApiFactory.Json(Wire.Person(householdId, region: "110101")));
        var notFound = await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync($"/api/persons/{Wire.Id("P")}");
        var forbidden = await factory.Client(LedgerApiFactory.SettlementFeed3501Key).PostAsync("/api/settlements",
            LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), foreign, 100m, 80m)));

        var (conflictProblem, notFoundProblem, forbiddenProblem) = (await Wire.Body(conflict), await Wire.Body(notFound), await Wire.Body(forbidden));
        Assert.Equal((HttpStatusCode.Conflict, "Conflict"), (conflict.StatusCode, conflictProblem.GetProperty("title").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "Not Found"), (notFound.StatusCode, notFoundProblem.GetProperty("title").GetString()));
        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), (forbidden.StatusCode, forbiddenProblem.GetProperty("title").GetString()));
        Assert.Equal("psn_no: no person is registered with this number", notFoundProblem.GetProperty("detail").GetString());
        Assert.StartsWith("household_id: ", conflictProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("psn_no: not a person of this key's regions", forbiddenProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_redirect_does_not_repeat_a_key_given_in_the_url()
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + LedgerApiFactory.OperatorKey)));

        var redirect = await browser.GetAsync($"/dashboard?key={LedgerApiFactory.OperatorKey}&view=grains");

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/dashboard/?view=grains", redirect.Headers.Location?.OriginalString);
    }
}

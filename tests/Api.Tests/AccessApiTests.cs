using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AccessApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Missing_or_unknown_key_is_401_wrong_role_403_and_a_read_outside_the_scope_404()
    {
        var psnNo = Wire.Id("P");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: "330702")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Client(null).GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Client("not-a-key").GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await feed.GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(LedgerApiFactory.CaseworkerKey).PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person("H")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(null).GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task A_key_in_the_url_is_refused_everywhere_but_on_the_event_stream()
    {
        var psnNo = Wire.Id("P");
        await factory.Client(LedgerApiFactory.FeedKey).PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))));
        var anonymous = factory.Client(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/persons/{psnNo}?key={LedgerApiFactory.OperatorKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/dashboard/?key={LedgerApiFactory.OperatorKey}")).StatusCode);
        using var stream = await anonymous.GetAsync($"/api/events/stream?region=35&key={LedgerApiFactory.CaseworkerKey}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
    }

    [Fact]
    public async Task Metrics_openapi_and_dashboard_need_the_operator_key_which_a_browser_gives_as_basic_password()
    {
        var anonymous = factory.Client(null);
        var caseworker = factory.Client(LedgerApiFactory.CaseworkerKey);
        var operatorClient = factory.Client(LedgerApiFactory.OperatorKey);
        var browser = factory.Client(null);
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + LedgerApiFactory.OperatorKey)));

        foreach (var path in new[] { "/metrics", "/openapi/v1.json", "/dashboard/" })
        {
            var refused = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.StartsWith("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await caseworker.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
        }
        // Basic is for the browser-facing operator pages only, not the API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/regions/35/kpis")).StatusCode);
    }

    [Fact]
    public async Task Person_answers_mask_name_and_certno()
    {
        var psnNo = Wire.Id("P");

        var response = await factory.Client(LedgerApiFactory.FeedKey).PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))));

        var body = await Wire.Body(response);
        Assert.Equal(("张**", "350102********1234"), (body.GetProperty("psn_name").GetString(), body.GetProperty("certno").GetString()));
        Assert.False(body.TryGetProperty("certno_hash", out _));
    }

    [Fact]
    public async Task Unknown_identity_is_a_400_naming_the_identity_field()
    {
        var response = await factory.Client(LedgerApiFactory.FeedKey).PutAsync($"/api/persons/{Wire.Id("P")}",
            LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), """{"type":"lucky","begin":"2021-01-01"}""")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Wire.Body(response)).GetProperty("errors").TryGetProperty("identities[0].type", out _));
    }
}

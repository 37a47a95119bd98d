using System.Net;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AccessApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Missing_or_unknown_key_is_401_and_wrong_role_or_region_is_403()
    {
        var psnNo = Wire.Id("P");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: "330702")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Client(null).GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Client("not-a-key").GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await feed.GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/persons/{psnNo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(LedgerApiFactory.CaseworkerKey).PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person("H")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(null).GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Person_answers_mask_name_and_certno()
    {
        var psnNo = Wire.Id("P");

        var response = await factory.Client(LedgerApiFactory.FeedKey).PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))));

        var body = await Wire.Body(response);
        Assert.Equal(("张**", "350102********1234"), (body.GetProperty("psn_name").GetString(), body.GetProperty("certno").GetString()));
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

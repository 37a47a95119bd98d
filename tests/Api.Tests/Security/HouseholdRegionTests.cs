using System.Net;

namespace Ledger.Api.Tests.Security;

/// <summary>A household belongs to one region: a member of another is refused with 409 naming household_id.</summary>
[Collection(ApiCollection.Name)]
public sealed class HouseholdRegionTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task A_member_of_another_region_is_refused_and_the_household_keeps_its_region_and_members()
    {
        var householdId = Wire.Id("H");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        var (first, second) = (Wire.Id("P"), Wire.Id("P"));
        await feed.PutAsync($"/api/persons/{first}", LedgerApiFactory.Json(Wire.Person(householdId, region: "350102")));

        var refused = await feed.PutAsync($"/api/persons/{second}", LedgerApiFactory.Json(Wire.Person(householdId, region: "110101")));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var reason = (await Wire.Body(refused)).GetProperty("errors").GetProperty("household_id")[0].GetString();
        Assert.Contains("another region", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("350102", reason, StringComparison.Ordinal);
        var household = await Wire.Body(await factory.Client(LedgerApiFactory.OperatorKey).GetAsync($"/api/households/{householdId}"));
        Assert.Equal(("350102", 1), (household.GetProperty("region_code").GetString(), household.GetProperty("members").GetArrayLength()));
        // The household's own caseworker never sees the refused person, whose region is 11.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync($"/api/persons/{second}")).StatusCode);
    }

    [Fact]
    public async Task A_sole_member_may_move_region_with_its_household()
    {
        var householdId = Wire.Id("H");
        var psnNo = Wire.Id("P");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, region: "350102")));

        var moved = await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, region: "350202")));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client(LedgerApiFactory.Caseworker3501Key).GetAsync($"/api/households/{householdId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(LedgerApiFactory.Caseworker3502Key).GetAsync($"/api/households/{householdId}")).StatusCode);
    }
}

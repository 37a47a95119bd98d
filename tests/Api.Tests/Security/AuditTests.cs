using System.Net;

namespace Ledger.Api.Tests.Security;

/// <summary>Every read of a person or household and every write, with key id, time, subject and outcome, for operators.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Reads_refusals_and_writes_are_in_the_trail_by_key_id_and_subject()
    {
        var (psnNo, householdId, setlId) = (Wire.Id("P"), Wire.Id("H"), Wire.Id("S"));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await factory.Client(LedgerApiFactory.FeedKey).PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId)));
        await factory.Client(LedgerApiFactory.FeedKey).PostAsync("/api/settlements", LedgerApiFactory.Ndjson(Wire.Settlement(setlId, psnNo, 100m, 80m)));
        await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync($"/api/persons/{psnNo}");
        await factory.Client(LedgerApiFactory.Caseworker3502Key).GetAsync($"/api/persons/{psnNo}");
        await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync($"/api/households/{householdId}");
        var operatorClient = factory.Client(LedgerApiFactory.OperatorKey);

        var person = await Lines(operatorClient, $"subject=person:{psnNo}");
        var settlement = await Lines(operatorClient, $"subject=settlement:{setlId}");
        var household = await Lines(operatorClient, $"subject=household:{householdId}");
        var byKey = await Lines(operatorClient, "key_id=caseworker-3502");

        Assert.Equal([("caseworker-3502", "read", "404"), ("test-caseworker-35", "read", "200"), ("test-feed", "write", "200")],
            person.Select(line => (line.KeyId, line.Action, line.Outcome)));
        Assert.Equal([("test-feed", "write", "recorded")], settlement.Select(line => (line.KeyId, line.Action, line.Outcome)));
        Assert.Equal([("test-caseworker-35", "read", "200")], household.Select(line => (line.KeyId, line.Action, line.Outcome)));
        Assert.Contains(byKey, line => line.Subject == $"person:{psnNo}");
        Assert.All(person, line => Assert.InRange(line.At, before, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task Only_operators_read_the_trail()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client(LedgerApiFactory.FeedKey).GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.Client(LedgerApiFactory.OperatorKey).GetAsync("/api/audit?limit=0")).StatusCode);
    }

    private static Task<List<AuditLine>> Lines(HttpClient client, string query) => AuditLines.Find(client, query);
}

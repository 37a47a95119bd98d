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

        // Newest first: the household read (which hands out its members), the refused read, the person read, the registration.
        Assert.Equal([("test-caseworker-35", "read", "200"), ("caseworker-3502", "read", "404"), ("test-caseworker-35", "read", "200"), ("test-feed", "write", "200")],
            person.Select(line => (line.KeyId, line.Action, line.Outcome)));
        Assert.Equal([("test-feed", "write", "recorded")], settlement.Select(line => (line.KeyId, line.Action, line.Outcome)));
        Assert.Equal([("test-caseworker-35", "read", "200")], household.Select(line => (line.KeyId, line.Action, line.Outcome)));
        Assert.Contains(byKey, line => line.Subject == $"person:{psnNo}");
        Assert.All(person, line => Assert.InRange(line.At, before, DateTimeOffset.UtcNow.AddSeconds(1)));
    }

    [Fact]
    public async Task A_household_read_names_each_member_and_region_lists_have_subjects_of_their_own()
    {
        var region = Wire.Region("35");
        var (first, second, householdId, elsewhere) = (Wire.Id("P"), Wire.Id("P"), Wire.Id("H"), Wire.Id("P"));
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        foreach (var psnNo in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(householdId, region: region)))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await feed.PutAsync($"/api/persons/{elsewhere}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: region)))).StatusCode);
        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), first, 1_000m, 800m)));
        var caseworker = factory.Client(LedgerApiFactory.AuditedCaseworkerKey);
        var operatorClient = factory.Client(LedgerApiFactory.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/households/{householdId}?year=2022")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/households/{householdId}/settlements?year=2022")).StatusCode);
        // Refused before anything was handed out: the household line only.
        Assert.Equal(HttpStatusCode.BadRequest, (await caseworker.GetAsync($"/api/households/{householdId}/settlements?year=2022&page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/journal?region={region}&year=2022")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/regions/{region}/monitoring?year=2022")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/regions/{region}/reports/monthly?month=2022-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/regions/{region}/reports/adjustments?month=2022-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await caseworker.GetAsync($"/api/regions/{region}/kpis?year=2022")).StatusCode);

        var reads = ("audited-caseworker-35", "read", "200");
        foreach (var member in new[] { first, second })
        {
            Assert.Equal([reads, reads], (await Lines(operatorClient, $"subject=person:{member}&key_id=audited-caseworker-35")).Select(line => (line.KeyId, line.Action, line.Outcome)));
        }
        Assert.Empty(await Lines(operatorClient, $"subject=person:{elsewhere}&key_id=audited-caseworker-35"));
        Assert.Equal(["400", "200", "200"], (await Lines(operatorClient, $"subject=household:{householdId}")).Where(line => line.Action == "read").Select(line => line.Outcome));
        Assert.Equal([("test-operator", "read", "200")], (await Lines(operatorClient, $"subject=journal:{region}:2022")).Select(line => (line.KeyId, line.Action, line.Outcome)));
        foreach (var subject in new[] { $"monitoring:{region}:2022", $"report:{region}:2022-03", $"adjustments:{region}:2022-03", $"region:{region}" })
        {
            Assert.Equal([(subject, reads)], (await Lines(operatorClient, $"subject={subject}")).Select(line => (line.Subject, (line.KeyId, line.Action, line.Outcome))));
        }
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

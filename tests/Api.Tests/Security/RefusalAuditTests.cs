using System.Net;
using Ledger.Silo.Security;
using Ledger.Silo.Security.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// Requests refused before an endpoint runs (authorization's 401 and 403, the rate limiter's 429, a
/// query that cannot be bound) are in the audit trail like answered ones; a single settlement's
/// refusal names the settlement.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RefusalAuditTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Refusals_by_role_and_of_an_unbindable_query_are_in_the_trail_under_the_key()
    {
        var psnNo = Wire.Id("P");
        var caseworker = factory.Client(LedgerApiFactory.AuditedCaseworkerKey);

        var statuses = new[]
        {
            (await caseworker.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))))).StatusCode,
            (await caseworker.GetAsync("/api/audit")).StatusCode,
            (await caseworker.GetAsync("/api/journal?region=35&year=2022")).StatusCode,
            (await caseworker.GetAsync("/api/policies")).StatusCode,
            (await caseworker.GetAsync("/api/regions/35/kpis?year=abc")).StatusCode,
        };

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest], statuses);
        var lines = await AuditLines.Find(factory.Client(LedgerApiFactory.OperatorKey), "key_id=audited-caseworker-35");
        Assert.Equal(
            [("read", "region:35", "400"), ("read", "policies", "403"), ("read", "region:35", "403"), ("read", "audit", "403"), ("write", $"person:{psnNo}", "403")],
            lines.Select(line => (line.Action, line.Subject, line.Outcome)));
    }

    [Fact]
    public async Task Requests_over_the_rate_are_in_the_trail_as_429_one_line_each()
    {
        // One request a second, a bucket of two: ten at once cannot all pass.
        var limited = factory.Client(LedgerApiFactory.AuditedLimitedKey);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => limited.GetAsync("/api/regions/35/kpis?year=2022")));
        var refused = responses.Count(response => response.StatusCode == HttpStatusCode.TooManyRequests);

        Assert.InRange(refused, 1, 9);
        var lines = await AuditLines.Find(factory.Client(LedgerApiFactory.OperatorKey), "key_id=audited-limited");
        Assert.Equal(10, lines.Count);
        Assert.Equal(refused, lines.Count(line => line is { Action: "read", Subject: "region:35", Outcome: "429" }));
        Assert.Equal(10 - refused, lines.Count(line => line is { Action: "read", Subject: "region:35", Outcome: "200" }));
    }

    [Fact]
    public async Task A_missing_or_unknown_key_is_in_the_trail_under_the_unknown_key_id()
    {
        var psnNo = Wire.Id("P");

        var anonymous = await factory.Client(null).GetAsync($"/api/persons/{psnNo}");
        var unknown = await factory.Client("not-a-key").PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"))));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous.StatusCode, unknown.StatusCode));
        var lines = await AuditLines.Find(factory.Client(LedgerApiFactory.OperatorKey), $"subject=person:{psnNo}");
        Assert.Equal([(RefusalAudit.UnknownKeyId, "write", "401"), (RefusalAudit.UnknownKeyId, "read", "401")],
            lines.Select(line => (line.KeyId, line.Action, line.Outcome)));
    }

    [Fact]
    public async Task A_refused_single_settlement_is_audited_under_its_setl_id()
    {
        var (beijing, unknownPerson, foreign) = (Wire.Id("P"), Wire.Id("P"), Wire.Id("P"));
        var (noPolicy, notFound, outOfScope, reversed, relabel) = (Wire.Id("S"), Wire.Id("S"), Wire.Id("S"), Wire.Id("S"), Wire.Id("S"));
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        await feed.PutAsync($"/api/persons/{beijing}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: "110101")));
        await feed.PutAsync($"/api/persons/{foreign}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), region: "350202")));

        var statuses = new[]
        {
            (await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(noPolicy, beijing, 100m, 80m)))).StatusCode,
            (await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(notFound, unknownPerson, 100m, 80m)))).StatusCode,
            (await factory.Client(LedgerApiFactory.SettlementFeed3501Key).PostAsync("/api/settlements",
                LedgerApiFactory.Json(Wire.Settlement(outOfScope, foreign, 100m, 80m)))).StatusCode,
            // The route names the settlement of a reversal: a setl_id in its body does not relabel the line.
            (await factory.Client(LedgerApiFactory.SettlementFeed3501Key).PostAsync($"/api/settlements/{reversed}/reversal",
                LedgerApiFactory.Json($$"""{"psn_no":"{{foreign}}","setl_id":"{{relabel}}"}"""))).StatusCode,
        };

        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], statuses);
        var operatorClient = factory.Client(LedgerApiFactory.OperatorKey);
        Assert.Equal([("test-feed", "422")], (await AuditLines.Find(operatorClient, $"subject=settlement:{noPolicy}")).Select(line => (line.KeyId, line.Outcome)));
        Assert.Equal([("test-feed", "404")], (await AuditLines.Find(operatorClient, $"subject=settlement:{notFound}")).Select(line => (line.KeyId, line.Outcome)));
        Assert.Equal([("settlement-feed-3501", "403")], (await AuditLines.Find(operatorClient, $"subject=settlement:{outOfScope}")).Select(line => (line.KeyId, line.Outcome)));
        Assert.Equal([("settlement-feed-3501", "403")], (await AuditLines.Find(operatorClient, $"subject=settlement:{reversed}")).Select(line => (line.KeyId, line.Outcome)));
        Assert.Empty(await AuditLines.Find(operatorClient, $"subject=settlement:{relabel}"));
    }

    [Fact]
    public async Task Unknown_key_lines_are_bounded_per_second_and_the_next_line_counts_those_left_out()
    {
        var trail = new InMemoryAuditTrail();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var audit = new RefusalAudit(trail, time, new AuditOptions { UnknownKeyLinesPerSecond = 2 });

        for (var i = 0; i < 5; i++)
        {
            await audit.Record(Anonymous("/api/persons/P-1"), StatusCodes.Status401Unauthorized);
        }
        time.Advance(TimeSpan.FromSeconds(1));
        await audit.Record(Anonymous("/api/persons/P-2"), StatusCodes.Status401Unauthorized);
        await audit.Record(Anonymous("/api/persons/P-3"), StatusCodes.Status401Unauthorized);

        var lines = await trail.Find(new AuditQuery(null, RefusalAudit.UnknownKeyId, 100), CancellationToken.None);
        Assert.Equal(["401", "401 (and 3 more not recorded)", "401", "401"], lines.Select(line => line.Outcome));
    }

    [Fact]
    public async Task A_known_keys_429_lines_are_bounded_per_second_and_key_and_its_other_refusals_are_not()
    {
        var trail = new InMemoryAuditTrail();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var audit = new RefusalAudit(trail, time, new AuditOptions { RateLimitedLinesPerSecond = 1 });

        for (var i = 0; i < 4; i++)
        {
            await audit.Record(Of("feed-a", "/api/persons/P-1"), StatusCodes.Status429TooManyRequests);
        }
        await audit.Record(Of("feed-b", "/api/persons/P-1"), StatusCodes.Status429TooManyRequests);
        await audit.Record(Of("feed-a", "/api/audit"), StatusCodes.Status403Forbidden);
        await audit.Record(Of("feed-a", "/api/audit"), StatusCodes.Status403Forbidden);
        time.Advance(TimeSpan.FromSeconds(1));
        await audit.Record(Of("feed-a", "/api/persons/P-2"), StatusCodes.Status429TooManyRequests);

        var a = await trail.Find(new AuditQuery(null, "feed-a", 100), CancellationToken.None);
        var b = await trail.Find(new AuditQuery(null, "feed-b", 100), CancellationToken.None);
        Assert.Equal(["429 (and 3 more not recorded)", "403", "403", "429"], a.Select(line => line.Outcome));
        Assert.Equal(["429"], b.Select(line => line.Outcome));
    }

    private static DefaultHttpContext Of(string keyId, string path)
    {
        var context = Anonymous(path);
        context.User = Caller.Principal(new ApiKey(keyId, [], Roles.Feed, [], null), "test");
        return context;
    }

    private static DefaultHttpContext Anonymous(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        return context;
    }
}

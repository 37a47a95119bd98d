using System.Net;
using Ledger.Client.Feeding;
using Ledger.Client.Tests.Fakes;

namespace Ledger.Client.Tests.Feeding;

public sealed class FeedPipelineTests
{
    [Fact]
    public async Task Parallel_connections_feed_every_line_once_through_a_silo_restart()
    {
        const int LineCount = 2_345;
        var ledger = new FakeLedger();
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        // Requests 5 to 12 meet a restarting silo: some recorded then lost, some refused, some unreachable.
        var handler = new FakeHandler(request =>
        {
            if (request.Attempt is < 5 or > 12)
            {
                return Task.FromResult(ledger.Answer(request.Body));
            }
            failed.Add(request.Body);
            return (request.Attempt % 3) switch
            {
                0 => Task.FromResult(FakeHandler.Problem(HttpStatusCode.ServiceUnavailable, "Service Unavailable")),
                1 => throw new HttpRequestException("Connection refused"),
                _ => Lost(ledger, request.Body),
            };
        });
        var tally = new FeedTally();
        var pipeline = new FeedPipeline(new SettlementTarget(Quick.Http(handler), Quick.Retry, true), Quick.Retry, tally, new PipelineSettings(BatchLines: 100, Connections: 4));

        await pipeline.RunAsync(Quick.Async(Quick.FeedLines(FakeLedger.Lines(LineCount))), CancellationToken.None);

        Assert.Equal(LineCount, tally.Read);
        Assert.Equal(LineCount, tally.Sent);
        Assert.Equal(LineCount, tally.AcknowledgedCount);
        Assert.Equal(0, tally.Unacknowledged);
        Assert.Equal(LineCount, ledger.TimesSeen.Count);
        // Lines recorded before their answer was lost come back "duplicate", and only those.
        Assert.Equal(ledger.TimesSeen.Count(seen => seen.Value > 1), tally.Duplicate);
        Assert.Equal(LineCount - tally.Duplicate, tally.Recorded);
        Assert.Equal(8, failed.Count);
        // Every failed request was resent with exactly the same body.
        var answered = handler.Requests.Where(r => r.Attempt is < 5 or > 12).Select(r => r.Body).ToHashSet();
        Assert.All(failed, body => Assert.Contains(body, answered));
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_never_sent()
    {
        var ledger = new FakeLedger();
        var handler = new FakeHandler(request => Task.FromResult(ledger.Answer(request.Body)));
        var tally = new FeedTally();
        var pipeline = new FeedPipeline(new SettlementTarget(Quick.Http(handler), Quick.Retry, true), Quick.Retry, tally, new PipelineSettings(10, 2));
        var lines = Quick.FeedLines([.. FakeLedger.Lines(5), "{not json", .. FakeLedger.Lines(5, start: 6)]);

        await pipeline.RunAsync(Quick.Async(lines), CancellationToken.None);

        Assert.Equal(11, tally.Read);
        Assert.Equal(1, tally.Malformed);
        Assert.Equal(10, tally.Recorded);
        var shown = Assert.Single(tally.RejectionsShown);
        Assert.Equal(6, shown.LineNumber);
        Assert.DoesNotContain(handler.Requests, r => r.Body.Contains("{not json"));
    }

    [Fact]
    public async Task A_fatal_refusal_on_one_connection_stops_the_others()
    {
        var handler = new FakeHandler(request => Task.FromResult(request.Attempt == 3
            ? FakeHandler.Problem(HttpStatusCode.Forbidden, "Forbidden")
            : FakeHandler.Problem(HttpStatusCode.ServiceUnavailable, "Service Unavailable")));
        var tally = new FeedTally();
        var pipeline = new FeedPipeline(new SettlementTarget(Quick.Http(handler), Quick.Retry, true), Quick.Retry, tally, new PipelineSettings(10, 4));

        var exception = await Assert.ThrowsAsync<FeedRefusedException>(
            () => pipeline.RunAsync(Quick.Async(Quick.FeedLines(FakeLedger.Lines(1_000))), CancellationToken.None));

        Assert.Equal("POST /api/settlements: 403 Forbidden", exception.Message);
        Assert.True(tally.Read < 1_000, "reading stopped with the feed");
    }

    private static Task<HttpResponseMessage> Lost(FakeLedger ledger, string body)
    {
        ledger.Apply(body);
        throw new HttpRequestException("Connection reset by peer");
    }
}

using System.Net;

namespace Ledger.Api.Tests.Security;

/// <summary>Requests per key and event streams per key are bounded, and a refusal says when to come back.</summary>
[Collection(ApiCollection.Name)]
public sealed class LimitTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task A_key_over_its_request_rate_gets_429_with_retry_after_and_other_keys_do_not()
    {
        // The limited key: one request a second, a bucket of two; ten at once cannot all pass.
        var limited = factory.Client(LedgerApiFactory.LimitedKey);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => limited.GetAsync("/api/regions/35/kpis?year=2022")));
        var statuses = responses.Select(response => response.StatusCode).ToList();
        var refused = responses.FirstOrDefault(response => response.StatusCode == HttpStatusCode.TooManyRequests);

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Equal(statuses.Count, statuses.Count(status => status is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
        Assert.True(refused is not null, $"ten requests at once of a key allowed one a second (bucket of two) were all answered: {string.Join(", ", statuses)}");
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 2);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await factory.Client(LedgerApiFactory.OperatorKey).GetAsync("/api/regions/35/kpis?year=2022")).StatusCode);
    }

    [Fact]
    public async Task Event_streams_over_the_key_cap_get_429_until_one_closes()
    {
        var streamer = factory.Client(LedgerApiFactory.StreamerKey);
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < LedgerApiFactory.StreamsPerKeyMax; i++)
        {
            open.Add(await streamer.GetAsync("/api/events/stream?region=35", HttpCompletionOption.ResponseHeadersRead));
        }

        using var over = await streamer.GetAsync("/api/events/stream?region=35", HttpCompletionOption.ResponseHeadersRead);

        Assert.All(open, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.NotNull(over.Headers.RetryAfter);
        // Another key is not affected.
        using (var other = await factory.Client(LedgerApiFactory.CaseworkerKey).GetAsync("/api/events/stream?region=35", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        open[0].Dispose();
        await Poll.Until(async () =>
        {
            using var again = await streamer.GetAsync("/api/events/stream?region=35", HttpCompletionOption.ResponseHeadersRead);
            return again.StatusCode == HttpStatusCode.OK;
        }, "a stream slot of the streamer key to be given back once one of its streams closed", 60_000, 50);
        open.ForEach(response => response.Dispose());
    }

    [Fact]
    public async Task A_stream_resuming_at_an_event_the_log_does_not_hold_gets_410_with_the_way_back()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/stream?region=35");
        request.Headers.Add("Last-Event-ID", "H-gone/S-gone/0");

        using var response = await factory.Client(LedgerApiFactory.CaseworkerKey).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("without Last-Event-ID", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

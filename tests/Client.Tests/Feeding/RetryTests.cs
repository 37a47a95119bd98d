using System.Net;
using Ledger.Client.Feeding;
using Ledger.Client.Tests.Fakes;

namespace Ledger.Client.Tests.Feeding;

public sealed class RetryTests
{
    public enum Failure
    {
        ServiceUnavailable,
        TooManyRequests,
        ConnectionRefused,
        Timeout,

        /// <summary>The silo recorded the batch, then died before answering: the resend answers "duplicate".</summary>
        RecordedThenLost,
    }

    private static Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> FailingFirst(int failures, Failure failure, FakeLedger ledger) =>
        async (request, cancellationToken) =>
        {
            if (request.Attempt > failures)
            {
                return ledger.Answer(request.Body);
            }
            switch (failure)
            {
                case Failure.ServiceUnavailable:
                    return FakeHandler.Problem(HttpStatusCode.ServiceUnavailable, "Service Unavailable");
                case Failure.TooManyRequests:
                    var busy = FakeHandler.Problem(HttpStatusCode.TooManyRequests, "Too Many Requests");
                    busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
                    return busy;
                case Failure.ConnectionRefused:
                    throw new HttpRequestException("Connection refused (ledger.test:80)");
                case Failure.Timeout:
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                    throw new InvalidOperationException("unreachable");
                default:
                    ledger.Apply(request.Body);
                    throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"));
            }
        };

    [Theory]
    [InlineData(Failure.ServiceUnavailable, 3)]
    [InlineData(Failure.TooManyRequests, 2)]
    [InlineData(Failure.ConnectionRefused, 4)]
    [InlineData(Failure.Timeout, 2)]
    [InlineData(Failure.RecordedThenLost, 1)]
    public async Task Every_line_is_acknowledged_exactly_once_after_failed_attempts(Failure failure, int failures)
    {
        var ledger = new FakeLedger();
        var handler = new FakeHandler(FailingFirst(failures, failure, ledger));
        var listener = new RecordingListener();
        // Only the timeout case needs attempts to time out; the others keep Quick's 10 s, so that an
        // answered attempt slowed past a short timeout on a loaded machine is not counted as one more failure.
        var policy = failure == Failure.Timeout ? Quick.Retry with { AttemptTimeout = TimeSpan.FromSeconds(1) } : Quick.Retry;
        var sender = new AcknowledgingSender(new SettlementTarget(Quick.Http(handler), policy, keyGiven: true), policy, listener);
        var lines = Quick.FeedLines(FakeLedger.Lines(25));

        await sender.SendAsync(lines, CancellationToken.None);

        Assert.Equal(lines.Select(l => l.Key), listener.Answers.Select(a => a.Line.Key));
        var expected = failure == Failure.RecordedThenLost ? LineStatus.Duplicate : LineStatus.Recorded;
        Assert.All(listener.Answers, answer => Assert.Equal(expected, answer.Answer.Status));
        Assert.Equal(failures + 1, handler.Requests.Count);
        Assert.Equal(failures, listener.Retries.Count);
        // The resent lines are the very same lines, byte for byte.
        var bodies = handler.Requests.Select(r => r.Body).Distinct().ToList();
        Assert.Equal(string.Join('\n', FakeLedger.Lines(25)) + "\n", Assert.Single(bodies));
        Assert.All(handler.Requests, r => Assert.Equal("application/x-ndjson", r.ContentType));
        Assert.All(ledger.TimesSeen.Values, times => Assert.Equal(failure == Failure.RecordedThenLost ? 2 : 1, times));
    }

    [Fact]
    public async Task A_line_refused_for_now_is_resent_alone_and_a_final_rejection_never()
    {
        var ledger = new FakeLedger();
        var lines = FakeLedger.Lines(3);
        var handler = new FakeHandler(request => Task.FromResult(request.Attempt == 1
            ? FakeHandler.Text(HttpStatusCode.OK, """
                {"setl_id":"S-1","status":"recorded"}
                {"setl_id":"S-2","status":"rejected","error":{"title":"Unavailable","status":503,"detail":"household event backlog"}}
                {"setl_id":"S-3","status":"rejected","error":{"title":"Invalid","status":400,"errors":{"setl_time":["is in the future"]}}}
                """, "application/x-ndjson")
            : ledger.Answer(request.Body)));
        var listener = new RecordingListener();
        var sender = new AcknowledgingSender(new SettlementTarget(Quick.Http(handler), Quick.Retry, true), Quick.Retry, listener);

        await sender.SendAsync(Quick.FeedLines(lines), CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(lines[1] + "\n", handler.Requests.Last().Body);
        var answers = listener.Answers.ToDictionary(a => a.Line.Key!, a => a.Answer);
        Assert.Equal(3, answers.Count);
        Assert.Equal(LineStatus.Recorded, answers["S-1"].Status);
        Assert.Equal(LineStatus.Recorded, answers["S-2"].Status);
        Assert.Equal(LineStatus.Rejected, answers["S-3"].Status);
        Assert.Equal("400 Invalid: setl_time: is in the future", answers["S-3"].Error!.Describe());
    }

    [Fact]
    public async Task A_batch_refused_as_a_whole_is_split_until_the_bad_line_stands_alone()
    {
        var ledger = new FakeLedger();
        var lines = FakeLedger.Lines(8).Select((line, i) => i == 5 ? line.Replace("\"hosp_lv\":1", "\"hosp_lv\":\"one\"") : line).ToList();
        var handler = new FakeHandler(request => Task.FromResult(request.Body.Contains("\"one\"")
            ? FakeHandler.Problem(HttpStatusCode.BadRequest, "Bad Request", "hosp_lv", "must be 1, 2 or 3")
            : ledger.Answer(request.Body)));
        var listener = new RecordingListener();
        var sender = new AcknowledgingSender(new SettlementTarget(Quick.Http(handler), Quick.Retry, true), Quick.Retry, listener);

        await sender.SendAsync(Quick.FeedLines(lines), CancellationToken.None);

        Assert.Equal(8, listener.Answers.Count);
        Assert.Equal(8, listener.Answers.Select(a => a.Line.Key).Distinct().Count());
        var rejected = Assert.Single(listener.Answers, a => a.Answer.Status == LineStatus.Rejected);
        Assert.Equal("S-6", rejected.Line.Key);
        Assert.Equal("400 Bad Request: hosp_lv: must be 1, 2 or 3", rejected.Answer.Error!.Describe());
        Assert.Equal(7, ledger.TimesSeen.Count);
        // Only the first send counts as "sent"; the halves are resends.
        Assert.Equal(8, listener.Sends.Where(s => !s.Resend).Sum(s => s.Lines.Count));
    }

    [Fact]
    public async Task Unauthorized_stops_at_once_and_says_how_to_give_a_key()
    {
        var handler = new FakeHandler(_ => Task.FromResult(FakeHandler.Problem(HttpStatusCode.Unauthorized, "Unauthorized")));
        var sender = new AcknowledgingSender(new SettlementTarget(Quick.Http(handler), Quick.Retry, keyGiven: false), Quick.Retry, new RecordingListener());

        var exception = await Assert.ThrowsAsync<FeedRefusedException>(() => sender.SendAsync(Quick.FeedLines(FakeLedger.Lines(2)), CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.Equal("POST /api/settlements: 401 Unauthorized (no API key given: use --key or LEDGER_API_KEY)", exception.Message);
    }

    [Fact]
    public async Task A_reply_with_the_wrong_number_of_results_stops_the_feed()
    {
        var handler = new FakeHandler(_ => Task.FromResult(FakeHandler.Text(HttpStatusCode.OK, """[{"setl_id":"S-1","status":"recorded"}]""")));
        var sender = new AcknowledgingSender(new SettlementTarget(Quick.Http(handler), Quick.Retry, true), Quick.Retry, new RecordingListener());

        var exception = await Assert.ThrowsAsync<FeedRefusedException>(() => sender.SendAsync(Quick.FeedLines(FakeLedger.Lines(2)), CancellationToken.None));

        Assert.Contains("1 result(s) for 2 line(s)", exception.Message);
    }

    [Fact]
    public async Task Gives_up_when_lines_stay_unacknowledged_past_the_limit()
    {
        var handler = new FakeHandler(_ => Task.FromResult(FakeHandler.Problem(HttpStatusCode.BadGateway, "Bad Gateway")));
        var policy = Quick.Retry with { GiveUpAfter = TimeSpan.FromMilliseconds(50) };
        var sender = new AcknowledgingSender(new SettlementTarget(Quick.Http(handler), policy, true), policy, new RecordingListener());

        var exception = await Assert.ThrowsAsync<FeedGaveUpException>(() => sender.SendAsync(Quick.FeedLines(FakeLedger.Lines(2)), CancellationToken.None));

        Assert.Contains("502 Bad Gateway", exception.Message);
        Assert.True(handler.Requests.Count > 1, "it retried before giving up");
    }

    [Theory]
    [InlineData("array")]
    [InlineData("ndjson")]
    [InlineData("results")]
    public void Batch_answers_are_read_in_each_shape_the_server_may_write(string shape)
    {
        var one = """{"setl_id":"S-1","status":"recorded"}""";
        var two = """{"setl_id":"S-2","status":"duplicate"}""";
        var body = shape switch
        {
            "array" => $"[{one},{two}]",
            "ndjson" => $"{one}\n{two}\n",
            _ => $$"""{"results":[{{one}},{{two}}]}""",
        };

        var results = BatchAnswers.Parse(body);

        Assert.Equal(["S-1", "S-2"], results.Select(r => r.GetProperty("setl_id").GetString()));
    }

    [Fact]
    public void Backoff_grows_to_its_cap_and_honours_retry_after_up_to_its_own()
    {
        var policy = new RetryPolicy();

        Assert.InRange(policy.Delay(1, null), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        Assert.InRange(policy.Delay(4, null), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1600));
        Assert.InRange(policy.Delay(60, null), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.Delay(1, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.Delay(1, TimeSpan.FromHours(1)));
    }
}

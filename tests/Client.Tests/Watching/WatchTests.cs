using System.Net;
using System.Text;
using Ledger.Client.Tests.Commands;
using Ledger.Client.Tests.Fakes;
using Ledger.Client.Watching;

namespace Ledger.Client.Tests.Watching;

public sealed class WatchTests
{
    /// <summary>An event as the silo sends it (LedgerEvent in snake_case): its times are setl_time and logged_at.
    /// EndToEndTests.Watch_prints_each_line_at_the_time_the_money_moved_as_the_silo_sends_it reads a real silo's.</summary>
    private static string Event(string id, string kind, string subject, decimal value, decimal threshold) =>
        $"id: {id}\nevent: {kind}\ndata: {{\"event_id\":\"{id}\",\"kind\":\"{kind}\",\"rule\":\"return_to_poverty_risk\",\"level\":\"crossed\"," +
        $"\"subject_type\":\"person\",\"subject_id\":\"{subject}\",\"household_id\":\"H-1\",\"region_code\":\"350102\",\"year\":2022," +
        $"\"value\":{value},\"threshold\":{threshold},\"setl_id\":\"S-1\",\"setl_time\":\"2022-03-01T10:00:00+08:00\",\"logged_at\":\"2022-06-20T09:30:00+08:00\"}}\n\n";

    private static Task<HttpResponseMessage> Stream(string body) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "text/event-stream") });

    [Fact]
    public void Parser_joins_data_lines_skips_comments_and_keeps_the_last_id()
    {
        var parser = new ServerSentEventParser();
        var events = new List<ServerSentEvent>();
        foreach (var line in ": keep-alive\nid: 7\nevent: cap_applied\ndata: {\"a\":\ndata: 1}\n\ndata: no id\n\nretry: 2500\n".Split('\n'))
        {
            if (parser.Push(line) is { } received)
            {
                events.Add(received);
            }
        }

        Assert.Equal(2, events.Count);
        Assert.Equal(new ServerSentEvent("7", "cap_applied", "{\"a\":\n1}"), events[0]);
        Assert.Equal(new ServerSentEvent("7", "message", "no id"), events[1]);
        Assert.Equal("7", parser.LastEventId);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), parser.Retry);
    }

    [Fact]
    public void An_event_prints_as_one_line_in_China_time()
    {
        var text = Event("e-1", "threshold_crossed", "P-1", 23500.00m, 23229m).Split('\n')[2]["data: ".Length..];

        var line = EventLine.Format(new ServerSentEvent("e-1", "threshold_crossed", text));

        Assert.Equal("2022-03-01T10:00:00+08:00  threshold_crossed  return_to_poverty_risk (crossed)     person P-1 household H-1  23500.00/23229.00", line);
    }

    [Fact]
    public void An_event_without_a_settlement_time_prints_when_the_ledger_learned_it()
    {
        const string data = """{"event_id":"9-0","kind":"identity_changed","subject_type":"person","subject_id":"P-1","logged_at":"2022-06-20T01:30:00+00:00"}""";

        var line = EventLine.Format(new ServerSentEvent("9-0", "identity_changed", data));

        Assert.StartsWith("2022-06-20T09:30:00+08:00  identity_changed ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_reconnects_with_Last_Event_ID_and_prints_each_event_once()
    {
        var connections = 0;
        var cancel = new CancellationTokenSource();
        var handler = new FakeHandler(request =>
        {
            switch (Interlocked.Increment(ref connections))
            {
                case 1:
                    return Stream(Event("e-1", "threshold_warning", "P-1", 20000, 23229) + Event("e-2", "threshold_crossed", "P-1", 23500, 23229));
                case 2:
                    throw new HttpRequestException("Connection refused");
                case 3:
                    return Task.FromResult(FakeHandler.Problem(HttpStatusCode.ServiceUnavailable, "Service Unavailable"));
                default:
                    // The replay after e-2 repeats e-2 (delivery is at least once) and goes on with e-3.
                    return Stream(Event("e-2", "threshold_crossed", "P-1", 23500, 23229) + Event("e-3", "cap_applied", "P-2", 50000, 50000));
            }
        });
        var output = new LockedStringWriter();
        var error = new LockedStringWriter();
        var context = Ledger.Client.Cli.CliContext.Plain(output, error, () => handler, Quick.Retry);

        var run = Ledger.Client.Cli.LedgerCommandLine.RunAsync(context, ["watch", "--url", "http://ledger.test", "--region", "35"], cancel.Token);
        // Cancelled once the fourth connection's e-3 is printed (a fixed 200 ms after that connection opened
        // was too short for a loaded machine), while it goes on reconnecting after e-3.
        await Poll.Until(() => Task.FromResult(run.IsCompleted || output.ToString().Contains("cap_applied", StringComparison.Ordinal)),
            "watch to print e-3 (cap_applied) from the fourth connection", 20_000);
        await cancel.CancelAsync();
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20))) != run)
        {
            Assert.Fail($"watch did not stop within 20 s of being cancelled; stderr began: {error.ToString()[..Math.Min(error.ToString().Length, 2000)]}");
        }
        var exit = await run;

        Assert.Equal(0, exit);
        var printed = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, printed.Length);
        Assert.Contains("threshold_warning", printed[0]);
        Assert.Contains("threshold_crossed", printed[1]);
        Assert.Contains("cap_applied", printed[2]);
        var requests = handler.Requests.ToList();
        Assert.All(requests, r => Assert.Equal("/api/events/stream?region=35", r.PathAndQuery));
        Assert.Null(requests[0].LastEventId);
        Assert.All(requests.Skip(1).Take(3), r => Assert.Equal("e-2", r.LastEventId));
        Assert.All(requests.Skip(4), r => Assert.Equal("e-3", r.LastEventId));
        Assert.Contains("reconnecting", error.ToString());
    }

    [Fact]
    public async Task Watch_json_prints_the_raw_event_data()
    {
        var cancel = new CancellationTokenSource();
        var handler = new FakeHandler(request =>
        {
            return Task.FromResult(request.Attempt == 1
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Event("e-1", "cap_applied", "P-1", 1, 2)) }
                : FakeHandler.Problem(HttpStatusCode.ServiceUnavailable, "Service Unavailable"));
        });
        var output = new LockedStringWriter();
        var context = Ledger.Client.Cli.CliContext.Plain(output, new StringWriter(), () => handler, Quick.Retry);

        var run = Ledger.Client.Cli.LedgerCommandLine.RunAsync(context, ["watch", "--url", "http://ledger.test", "--region", "3501", "--json"], cancel.Token);
        // Cancelled once e-1 is printed, not a fixed 100 ms after the first connection, while it retries the 503s.
        await Poll.Until(() => Task.FromResult(run.IsCompleted || output.ToString().Contains("\"event_id\":\"e-1\"", StringComparison.Ordinal)),
            "watch --json to print e-1", 20_000);
        await cancel.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("{\"event_id\":\"e-1\",\"kind\":\"cap_applied\"", line);
    }

    [Fact]
    public async Task Watch_stops_on_forbidden_with_the_servers_reason()
    {
        using var cli = new CommandHarness(new FakeHandler(_ => Task.FromResult(
            FakeHandler.Text(HttpStatusCode.Forbidden, """{"title":"Forbidden","status":403,"detail":"region 35 is outside this key's regions"}"""))));

        var exit = await cli.RunAsync("watch", "--region", "35");

        Assert.Equal(1, exit);
        Assert.Contains("403 Forbidden: region 35 is outside this key's regions", cli.Error);
    }
}

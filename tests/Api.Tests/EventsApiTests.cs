using System.Net;

namespace Ledger.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class EventsApiTests(LedgerApiFactory factory)
{
    [Fact]
    public async Task Sse_delivers_a_threshold_crossing_and_replays_after_the_last_event_id()
    {
        var region = Wire.Region("35");
        var psnNo = Wire.Id("P");
        var feed = factory.Client(LedgerApiFactory.FeedKey);
        await feed.PutAsync($"/api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person(Wire.Id("H"), Wire.PovertyAlleviated, region)));
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var live = await Open(region, null, watching.Token);
        var setlId = Wire.Id("S");

        await feed.PostAsync("/api/settlements", LedgerApiFactory.Json(Wire.Settlement(setlId, psnNo, 82_000m, 80_000m)));
        // The registration's identity_changed may arrive first: the settlement's events are what is asserted.
        var received = (await ReadUntil(live, "critical_deductible_met", watching.Token)).Where(e => e.Kind.StartsWith("threshold", StringComparison.Ordinal)).ToList();

        Assert.Equal(["threshold_warning", "threshold_crossed", "threshold_crossed", "threshold_crossed"], received.Select(e => e.Kind));
        Assert.Contains("\"value\":24077.70", received[1].Data, StringComparison.Ordinal);
        var resumed = await ReadUntil(await Open(region, received[1].Id, watching.Token), "critical_deductible_met", watching.Token);
        Assert.Equal(received.Skip(2).Select(e => e.Id), resumed.Select(e => e.Id));
    }

    private async Task<StreamReader> Open(string region, string? lastEventId, CancellationToken cancel)
    {
        var client = factory.Client(LedgerApiFactory.CaseworkerKey);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/stream?region={region}");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
        while (await reader.ReadLineAsync(cancel) is { } line && line != ": connected")
        {
            // Replayed events come before the "connected" comment; keep them for the caller.
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                _pending.Enqueue(line);
                _pending.Enqueue((await reader.ReadLineAsync(cancel))!);
                _pending.Enqueue((await reader.ReadLineAsync(cancel))!);
            }
        }
        return reader;
    }

    private readonly Queue<string> _pending = new();

    /// <summary>Reads events until one whose data names <paramref name="rule"/>; the deadline names what was awaited.</summary>
    private async Task<List<(string Id, string Kind, string Data)>> ReadUntil(StreamReader reader, string rule, CancellationToken cancel)
    {
        var events = new List<(string Id, string Kind, string Data)>();
        try
        {
            while (true)
            {
                var line = _pending.Count > 0 ? _pending.Dequeue() : await reader.ReadLineAsync(cancel);
                if (line is null || !line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    continue;
                }
                var kind = (_pending.Count > 0 ? _pending.Dequeue() : await reader.ReadLineAsync(cancel))!["event: ".Length..];
                var data = (_pending.Count > 0 ? _pending.Dequeue() : await reader.ReadLineAsync(cancel))!["data: ".Length..];
                events.Add((line["id: ".Length..], kind, data));
                if (data.Contains($"\"rule\":\"{rule}\"", StringComparison.Ordinal))
                {
                    return events;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out waiting for a {rule} event on the SSE stream; got [{string.Join(", ", events.Select(e => e.Kind))}]");
        }
    }
}

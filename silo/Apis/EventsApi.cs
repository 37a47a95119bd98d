using System.Text.Json;
using Ledger.Contracts;
using Ledger.Contracts.Events;
using Ledger.Grains.Journal;
using Ledger.Silo.Http;
using Ledger.Silo.Streaming;

namespace Ledger.Silo.Apis;

/// <summary>
/// Server-sent events per region prefix, read from the journal: first what followed
/// <c>Last-Event-ID</c> (an event id is "{journal position}-{index}"), then live from the silo's
/// <see cref="EventTail"/>. Both are the same journal in the same order, so there is no seam to
/// de-duplicate and nothing falls between replay and live.
/// </summary>
public static class EventsApi
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>Journal entries read per round trip while replaying.</summary>
    public const int ReplayPageMax = 1_000;

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        // EventSource cannot send headers: this one endpoint takes its key as ?key= too.
        api.MapGet("/events/stream", Stream).WithName("StreamEvents").WithSummary("Live ledger events of a region (text/event-stream)")
            .WithMetadata(new Security.KeyInQueryAllowed())
            .AddEndpointFilter<Security.Limits.StreamSlotsFilter>()
            .AddEndpointFilter<Security.Limits.ReplayDepthFilter>()
            .RequireRegion()
            .Produces<LedgerEvent>(StatusCodes.Status200OK, "text/event-stream")
            // Last-Event-ID too far behind (ReplayDepthFilter); too many streams answer 429 or 503 as the group declares.
            .ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }

    private static async Task Stream(string? region, HttpContext context, EventTail tail, IJournal journal, IHostApplicationLifetime lifetime)
    {
        // A stream never ends on its own: it ends when the client leaves or the silo stops, so that a
        // graceful shutdown is not held up until its timeout (the client resumes with Last-Event-ID).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancel = ending.Token;
        using var subscription = tail.Subscribe(region!);
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var lastId = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? context.Request.Query["last_event_id"].FirstOrDefault();
            if (EntryEvents.TryParseId(lastId, out var position, out var index))
            {
                await Replay(context, journal, region!, position, index, subscription.Position, cancel);
            }
            await Comment(context, "connected", cancel);
            await Live(context, subscription, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away or the silo is stopping.
        }
        catch (InvalidOperationException) when (subscription.Events.Completion.IsFaulted)
        {
            // The client fell too far behind: ending the response makes it reconnect and replay.
        }
    }

    /// <summary>
    /// What the journal holds under the prefix after event <paramref name="index"/> of entry
    /// <paramref name="position"/>, up to where live delivery starts.
    /// </summary>
    private static async Task Replay(HttpContext context, IJournal journal, string region, long position, int index, long until, CancellationToken cancel)
    {
        var after = position - 1;
        while (after < until)
        {
            var page = await journal.ReadAfter(after, ReplayPageMax, region, cancellationToken: cancel);
            foreach (var entry in page.TakeWhile(entry => entry.Position <= until))
            {
                var events = EntryEvents.Of(entry);
                for (var i = entry.Position == position ? index + 1 : 0; i < events.Count; i++)
                {
                    if (EventKinds.IsWatched(events[i]))
                    {
                        await Write(context, events[i], cancel);
                    }
                }
            }
            await context.Response.Body.FlushAsync(cancel);
            if (page.Count < ReplayPageMax || page[^1].Position >= until)
            {
                return;
            }
            after = page[^1].Position;
        }
    }

    private static async Task Live(HttpContext context, TailSubscription subscription, CancellationToken cancel)
    {
        using var heartbeat = new PeriodicTimer(HeartbeatInterval);
        var tick = heartbeat.WaitForNextTickAsync(cancel).AsTask();
        var next = subscription.Events.WaitToReadAsync(cancel).AsTask();
        while (true)
        {
            if (await Task.WhenAny(next, tick) == tick)
            {
                // A comment line keeps proxies from closing an idle stream.
                await Comment(context, "heartbeat", cancel);
                tick = heartbeat.WaitForNextTickAsync(cancel).AsTask();
                continue;
            }
            if (!await next)
            {
                return;
            }
            while (subscription.Events.TryRead(out var ledgerEvent))
            {
                await Write(context, ledgerEvent, cancel);
            }
            await context.Response.Body.FlushAsync(cancel);
            next = subscription.Events.WaitToReadAsync(cancel).AsTask();
        }
    }

    private static Task Write(HttpContext context, LedgerEvent ledgerEvent, CancellationToken cancel)
    {
        var data = JsonSerializer.Serialize(ledgerEvent, LedgerJson.Options);
        return context.Response.WriteAsync($"id: {ledgerEvent.EventId}\nevent: {ledgerEvent.Kind}\ndata: {data}\n\n", cancel);
    }

    private static async Task Comment(HttpContext context, string text, CancellationToken cancel)
    {
        await context.Response.WriteAsync($": {text}\n\n", cancel);
        await context.Response.Body.FlushAsync(cancel);
    }
}

using System.Text.Json;
using System.Threading.Channels;
using Ledger.Contracts;
using Ledger.Contracts.Events;
using Ledger.Grains.Events;
using Ledger.Silo.Security;
using Orleans.Streams;

namespace Ledger.Silo.Apis;

/// <summary>
/// Server-sent events per region prefix: first what the log holds after <c>Last-Event-ID</c>, then the
/// live stream, de-duplicated by event id across the seam (events are delivered at least once).
/// </summary>
public static class EventsApi
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>Event ids remembered to drop re-deliveries; older ones cannot come back through the seam.</summary>
    public const int SeenIdsMax = 4_096;

    public const int ReplayMax = 10_000;

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events/stream", Stream).WithName("StreamEvents").WithSummary("Live ledger events of a region (text/event-stream)");
        return api;
    }

    private static async Task Stream(string? region, HttpContext context, IClusterClient client, IEventLog log)
    {
        if (RegionsApi.Refusal(region ?? "", context) is { } refused)
        {
            await refused.ExecuteAsync(context);
            return;
        }
        var cancel = context.RequestAborted;
        var live = Channel.CreateBounded<LedgerEvent>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });
        var stream = client.GetStreamProvider(EventStreams.ProviderName)
            .GetStream<LedgerEvent>(StreamId.Create(EventStreams.Namespace, region!));
        var subscription = await stream.SubscribeAsync((ledgerEvent, _) => live.Writer.WriteAsync(ledgerEvent, cancel).AsTask());
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var seen = new SeenIds();
            var lastId = context.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? context.Request.Query["last_event_id"].FirstOrDefault();
            if (lastId is not null && await log.SequenceOf(lastId, cancel) is { } after)
            {
                foreach (var logged in await log.ReadAfter(region!, after, ReplayMax, cancel))
                {
                    if (EventKinds.IsWatched(logged.Event.Kind) && seen.Add(logged.Event.EventId))
                    {
                        await Write(context, logged.Event);
                    }
                }
            }
            await context.Response.WriteAsync(": connected\n\n", cancel);
            await context.Response.Body.FlushAsync(cancel);
            using var heartbeat = new PeriodicTimer(HeartbeatInterval);
            var tick = heartbeat.WaitForNextTickAsync(cancel).AsTask();
            var next = live.Reader.ReadAsync(cancel).AsTask();
            while (!cancel.IsCancellationRequested)
            {
                if (await Task.WhenAny(next, tick) == tick)
                {
                    // A comment line keeps proxies from closing an idle stream.
                    await context.Response.WriteAsync(": heartbeat\n\n", cancel);
                    await context.Response.Body.FlushAsync(cancel);
                    tick = heartbeat.WaitForNextTickAsync(cancel).AsTask();
                    continue;
                }
                var ledgerEvent = await next;
                next = live.Reader.ReadAsync(cancel).AsTask();
                if (seen.Add(ledgerEvent.EventId))
                {
                    await Write(context, ledgerEvent);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private static async Task Write(HttpContext context, LedgerEvent ledgerEvent)
    {
        var data = JsonSerializer.Serialize(ledgerEvent, LedgerJson.Options);
        await context.Response.WriteAsync($"id: {ledgerEvent.EventId}\nevent: {ledgerEvent.Kind}\ndata: {data}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>A bounded memory of event ids (insertion order), for at-least-once delivery.</summary>
    private sealed class SeenIds
    {
        private readonly HashSet<string> _ids = [];
        private readonly Queue<string> _order = new();

        public bool Add(string id)
        {
            if (!_ids.Add(id))
            {
                return false;
            }
            _order.Enqueue(id);
            if (_order.Count > SeenIdsMax)
            {
                _ids.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}

using Ledger.Contracts.Events;
using Ledger.Grains.Events;
using Ledger.Silo.Security.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Tests.Security;

/// <summary>A resuming stream replays at most ReplayDepthMax log positions; further behind answers 410.</summary>
public sealed class ReplayDepthTests
{
    [Fact]
    public async Task A_last_event_id_within_the_depth_replays_and_one_further_behind_gets_410()
    {
        var log = new InMemoryEventLog();
        await log.Append([.. Enumerable.Range(1, 10).Select(n => new LedgerEvent { EventId = $"E-{n}", Kind = EventKinds.ThresholdCrossed, RegionCode = "350102" })]);
        var filter = new ReplayDepthFilter(log, Options.Create(new StreamOptions { ReplayDepthMax = 5 }));

        Assert.Equal("replayed", await Resume(filter, "E-5"));
        Assert.Equal(410, ((ProblemHttpResult)(await Resume(filter, "E-4"))!).StatusCode);
        Assert.Equal("replayed", await Resume(filter, null));
    }

    private static async Task<object?> Resume(ReplayDepthFilter filter, string? lastEventId)
    {
        var http = new DefaultHttpContext();
        if (lastEventId is not null)
        {
            http.Request.Headers["Last-Event-ID"] = lastEventId;
        }
        return await filter.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>("replayed"));
    }
}

/// <summary>Event streams are counted per key and per silo; the silo's cap answers 503, a key's 429.</summary>
public sealed class StreamSlotsTests
{
    [Fact]
    public void The_silo_cap_is_503_the_key_cap_429_and_released_slots_are_taken_again()
    {
        var slots = new StreamSlots(Options.Create(new StreamOptions { PerKeyMax = 1, SiloMax = 2 }));

        Assert.Null(slots.TryTake("a"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, slots.TryTake("a"));
        Assert.Null(slots.TryTake("b"));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, slots.TryTake("c"));
        slots.Release("a");
        Assert.Null(slots.TryTake("c"));
        Assert.Equal(2, slots.Open);
    }
}

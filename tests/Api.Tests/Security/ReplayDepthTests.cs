using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Ledger.Silo.Security.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Tests.Security;

/// <summary>A resuming stream replays at most ReplayDepthMax journal positions; further behind, or no event id, answers 410.</summary>
public sealed class ReplayDepthTests
{
    [Fact]
    public async Task A_last_event_id_within_the_depth_replays_and_one_further_behind_gets_410()
    {
        var journal = new InMemoryJournal(FanOut());
        foreach (var n in Enumerable.Range(1, 10))
        {
            await journal.Append(JournalAppend.Of([new JournalEntry { Kind = EntryKind.IdentityChanged, PsnNo = $"P-{n}", RegionCode = "350102" }]));
        }
        var filter = new ReplayDepthFilter(journal, Options.Create(new StreamOptions { ReplayDepthMax = 5 }));

        Assert.Equal("replayed", await Resume(filter, "5-0"));
        Assert.Equal(410, ((ProblemHttpResult)(await Resume(filter, "4-0"))!).StatusCode);
        Assert.Equal(410, ((ProblemHttpResult)(await Resume(filter, "11-0"))!).StatusCode);
        Assert.Equal(410, ((ProblemHttpResult)(await Resume(filter, "H-1/S-1/0"))!).StatusCode);
        Assert.Equal("replayed", await Resume(filter, null));
    }

    private static JournalFanOut FanOut()
    {
        var metrics = new LedgerMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        return new JournalFanOut(null!, metrics, NullLogger<JournalFanOut>.Instance);
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

using Ledger.Contracts.Events;
using Ledger.Grains.Events;
using Ledger.Silo.Streaming;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Api.Tests.Streaming;

/// <summary>
/// The tail delivers this silo's appends straight from the append signal only while they follow on
/// from what it has delivered; anything else (another silo's append, a missed pulse) it reads from the log.
/// </summary>
public sealed class EventTailTests
{
    [Fact]
    public async Task Delivers_every_event_once_in_log_order_whether_signalled_read_or_signalled_out_of_turn()
    {
        var log = new SignalledByHand(new InMemoryEventLog());
        using var tail = new EventTail(log, NullLogger<EventTail>.Instance);
        await tail.StartAsync(CancellationToken.None);
        using var subscription = tail.Subscribe("35");

        await log.Inner.Append([Warning("E1")]); // another silo's append: no signal, found by reading
        await log.Inner.Append([Warning("E2")]);
        log.Signal.Pulse(await log.Inner.ReadAfter("", 1, 10)); // signalled in turn (after E1, once E1 is read)
        await log.Inner.Append([Warning("E3"), Warning("E4")]);
        log.Signal.Pulse((await log.Inner.ReadAfter("", 3, 10)).ToList()); // only E4 signalled: a gap, so E3 must come first

        var received = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received.Count < 4)
        {
            received.Add((await subscription.Events.ReadAsync(deadline.Token)).Event.EventId);
        }
        Assert.Equal(["E1", "E2", "E3", "E4"], received);
        await Task.Delay(EventTail.PollInterval * 5); // a few more polls: nothing is delivered twice
        Assert.False(subscription.Events.TryRead(out _));
        await tail.StopAsync(CancellationToken.None);
    }

    private static LedgerEvent Warning(string id) => new() { EventId = id, Kind = EventKinds.ThresholdWarning, RegionCode = "350102", HouseholdId = "H1", SubjectId = "P1", Year = 2024 };

    /// <summary>The in-memory log with a signal the test pulses itself.</summary>
    private sealed class SignalledByHand(InMemoryEventLog inner) : DelegatingEventLog(inner)
    {
        public InMemoryEventLog Inner { get; } = inner;

        public AppendSignal Signal { get; } = new();

        public override AppendSignal Appended => Signal;
    }
}

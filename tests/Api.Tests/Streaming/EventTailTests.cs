using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Ledger.Silo.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.Api.Tests.Streaming;

/// <summary>
/// The tail delivers what the fan-out hands it only while it follows on from what it has delivered;
/// anything else (a commit it never heard of, a batch ahead of a gap) it reads from the journal.
/// </summary>
public sealed class EventTailTests
{
    [Fact]
    public async Task Delivers_every_event_once_in_journal_order_whether_heard_read_or_heard_out_of_turn()
    {
        var journal = new InMemoryJournal(FanOut()); // commits nobody hears: another silo's, unstreamed
        var heard = FanOut();
        using var tail = new EventTail(journal, heard, NullLogger<EventTail>.Instance);
        await tail.StartAsync(CancellationToken.None);
        using var subscription = tail.Subscribe("35");

        await Append(journal, "P1"); // found by reading
        heard.Committed(await Append(journal, "P2")); // heard in turn
        var p3 = await Append(journal, "P3");
        heard.Committed(await Append(journal, "P4")); // heard ahead of P3: a gap, so P3 is read first
        var received = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received.Count < 4)
        {
            received.Add((await subscription.Events.ReadAsync(deadline.Token)).SubjectId);
        }
        heard.Committed(p3); // heard again, late: already delivered

        Assert.Equal(["P1", "P2", "P3", "P4"], received);
        await Task.Delay(EventTail.PollInterval * 2); // a couple more polls: nothing is delivered twice
        Assert.False(subscription.Events.TryRead(out _));
        await tail.StopAsync(CancellationToken.None);
    }

    private static async Task<IReadOnlyList<JournalEntry>> Append(IJournal journal, string psnNo) =>
        (await journal.Append(JournalAppend.Of([new JournalEntry
        {
            Kind = EntryKind.IdentityChanged, PsnNo = psnNo, HouseholdId = "H1", RegionCode = "350102", Year = 2024,
            SetlTime = DateTimeOffset.UnixEpoch, LoggedAt = DateTimeOffset.UnixEpoch,
        }]))).Committed;

    private static JournalFanOut FanOut()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        // The cluster client is used only once a silo starts.
        return new JournalFanOut(null!, metrics, NullLogger<JournalFanOut>.Instance);
    }
}

using System.Diagnostics.Metrics;
using System.Reflection;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Streams;

namespace Ledger.Grains.Tests.Embedded;

/// <summary>
/// What the live fan-out could not hand to the other silos is counted (ledger.live.dropped, by reason) and
/// never left looking delivered: the backlog gauge is what still waits, the counter what never went, so
/// the alerts on both (deploy/prometheus/alerts.yml) can fire while the stream fails or the backlog is full.
/// </summary>
public sealed class JournalFanOutTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly LedgerMetrics _metrics;
    private readonly JournalFanOut _fanOut;
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _dropped = [];
    private long _backlog = -1;

    public JournalFanOutTests()
    {
        _metrics = new LedgerMetrics(_services.GetRequiredService<IMeterFactory>());
        _fanOut = new JournalFanOut(null!, _metrics, NullLogger<JournalFanOut>.Instance);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this test's meter: other tests' silos publish on meters of the same name concurrently.
            if (ReferenceEquals(instrument.Meter, _metrics.Meter) && instrument.Name is "ledger.live.dropped" or "ledger.live.backlog")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_dropped)
            {
                if (instrument.Name == "ledger.live.backlog")
                {
                    _backlog = value;
                }
                else
                {
                    _dropped[tags.ToArray().Single(tag => tag.Key == "reason").Value as string ?? ""] = value;
                }
            }
        });
        _listener.Start();
    }

    [Fact]
    public async Task A_batch_the_stream_refuses_is_counted_dropped_and_no_longer_waits()
    {
        var stream = FailingStream.Create();
        _fanOut.Committed([Entry("S-1"), Entry("S-2"), Entry("S-3")]);
        Assert.Equal(3, Backlog());

        using var stopping = new CancellationTokenSource();
        Assert.Equal(new Dictionary<string, long> { [JournalFanOut.StreamFailed] = 0, [JournalFanOut.BacklogFull] = 0 }, Dropped());
        var publishing = _fanOut.Publish(stream, othersActive: () => true, stopping.Token);
        await Poll.Until(() => Task.FromResult(Dropped()[JournalFanOut.StreamFailed] > 0), "the refused batch to be counted dropped");
        await stopping.CancelAsync();
        await publishing;

        Assert.Equal(new Dictionary<string, long> { [JournalFanOut.StreamFailed] = 3, [JournalFanOut.BacklogFull] = 0 }, Dropped());
        Assert.Equal(["S-1", "S-2", "S-3"], ((FailingStream)(object)stream).Offered.Single().Entries.Select(entry => entry.SetlId));
        // Not retried: the other silos read it from the journal; it no longer waits, so the gauge does not count it.
        Assert.Equal(0, Backlog());
    }

    [Fact]
    public void Commits_beyond_the_backlog_bound_are_counted_dropped_and_the_backlog_stays_at_the_bound()
    {
        _fanOut.Committed([.. Enumerable.Repeat(Entry("S-0"), JournalFanOut.BacklogMax)]);

        _fanOut.Committed([Entry("S-1"), Entry("S-2")]);
        _fanOut.Committed([Entry("S-3")]);

        Assert.Equal(new Dictionary<string, long> { [JournalFanOut.StreamFailed] = 0, [JournalFanOut.BacklogFull] = 3 }, Dropped());
        Assert.Equal(JournalFanOut.BacklogMax, Backlog());
    }

    /// <summary>The counter's value per reason, as an exporter collects it now.</summary>
    private Dictionary<string, long> Dropped()
    {
        _listener.RecordObservableInstruments();
        lock (_dropped)
        {
            return new(_dropped);
        }
    }

    private long Backlog()
    {
        _listener.RecordObservableInstruments();
        lock (_dropped)
        {
            return _backlog;
        }
    }

    private static JournalEntry Entry(string setlId) => new()
    {
        Kind = EntryKind.Recorded, SetlId = setlId, PsnNo = "P-1", HouseholdId = "H-1", RegionCode = "350102", Year = 2024, PolicyId = "fujian-2022",
    };

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    /// <summary>An Orleans stream whose every publication fails, as while its pub-sub store or the silo-to-silo network is down.</summary>
    public class FailingStream : DispatchProxy
    {
        public List<CommittedEntries> Offered { get; } = [];

        public static IAsyncStream<CommittedEntries> Create() => DispatchProxy.Create<IAsyncStream<CommittedEntries>, FailingStream>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IAsyncStream<CommittedEntries>.OnNextAsync))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }
            lock (Offered)
            {
                Offered.Add((CommittedEntries)args![0]!);
            }
            return Task.FromException(new TimeoutException("the stream's pub-sub store does not answer"));
        }
    }
}

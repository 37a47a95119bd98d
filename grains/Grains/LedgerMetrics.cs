using System.Diagnostics.Metrics;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Grains;

/// <summary>
/// The ledger's OpenTelemetry-compatible instruments on meter <c>Ledger</c>: settlements by outcome,
/// journal entries by kind, events, threshold crossings, journal commit latency and the read projections' lag (rates come from the
/// collector).
/// </summary>
public sealed class LedgerMetrics
{
    public const string MeterName = "Ledger";

    private readonly Counter<long> _settlements;
    private readonly Counter<long> _entries;
    private readonly Counter<long> _events;
    private readonly Counter<long> _crossings;
    private readonly Histogram<double> _appendSeconds;
    private readonly Histogram<double> _projectorLagSeconds;

    /// <summary>
    /// Seconds. Without them the SDK's defaults (0, 5, 10, 25 … 10 000, made for milliseconds) put every
    /// commit in one bucket, and a p99 read from it is 4.95 s whatever the journal does. The alerts'
    /// thresholds (0.5 s, 5 s in deploy/prometheus/alerts.yml) are boundaries, so a quantile near them is exact.
    /// </summary>
    private static readonly double[] AppendBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] LagBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    public LedgerMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _settlements = Meter.CreateCounter<long>("ledger.settlements", "{settlement}", "Settlements and reversals by outcome");
        _entries = Meter.CreateCounter<long>("ledger.journal.entries", "{entry}", "Journal entries committed, by kind");
        _events = Meter.CreateCounter<long>("ledger.events", "{event}", "Events raised by committed journal entries");
        _crossings = Meter.CreateCounter<long>("ledger.threshold_crossings", "{crossing}", "Threshold levels crossed");
        _appendSeconds = Meter.CreateHistogram("ledger.journal.append.duration", "s", "Time from an append's arrival at the journal to its commit",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AppendBuckets });
        _projectorLagSeconds = Meter.CreateHistogram("ledger.projector.lag", "s",
            "Per batch the projector applies: time from the oldest entry's commit to the read projections including it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
    }

    /// <summary>For instruments owned by other components (gauges they observe).</summary>
    public Meter Meter { get; }

    public void Settled(string outcome) => _settlements.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Appended(TimeSpan duration) => _appendSeconds.Record(duration.TotalSeconds);

    public void ProjectorLagged(TimeSpan lag) => _projectorLagSeconds.Record(lag.TotalSeconds);

    public void Journaled(IReadOnlyList<JournalEntry> entries)
    {
        foreach (var entry in entries)
        {
            _entries.Add(1, new KeyValuePair<string, object?>("kind", Journal.EntryEvents.KindOf(entry.Kind)));
            _events.Add(1 + entry.Events.Count);
            foreach (var fired in entry.Events)
            {
                if (fired.Kind == EntryEventKind.Crossed)
                {
                    _crossings.Add(1, new KeyValuePair<string, object?>("rule", RuleCodes.ToCode(fired.Rule)));
                }
            }
        }
    }
}

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

    public LedgerMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _settlements = Meter.CreateCounter<long>("ledger.settlements", "{settlement}", "Settlements and reversals by outcome");
        _entries = Meter.CreateCounter<long>("ledger.journal.entries", "{entry}", "Journal entries committed, by kind");
        _events = Meter.CreateCounter<long>("ledger.events", "{event}", "Events raised by committed journal entries");
        _crossings = Meter.CreateCounter<long>("ledger.threshold_crossings", "{crossing}", "Threshold levels crossed");
        _appendSeconds = Meter.CreateHistogram<double>("ledger.journal.append.duration", "s", "Time from an append's arrival at the journal to its commit");
        _projectorLagSeconds = Meter.CreateHistogram<double>("ledger.projector.lag", "s",
            "Per batch the projector applies: time from the oldest entry's commit to the read projections including it");
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

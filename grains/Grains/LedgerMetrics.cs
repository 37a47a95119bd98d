using System.Diagnostics.Metrics;
using Ledger.Contracts.Events;

namespace Ledger.Grains;

/// <summary>
/// The ledger's OpenTelemetry-compatible instruments on meter <c>Ledger</c>: settlements, events and
/// threshold crossings as counters (rates come from the collector).
/// </summary>
public sealed class LedgerMetrics
{
    public const string MeterName = "Ledger";

    private readonly Counter<long> _settlements;
    private readonly Counter<long> _events;
    private readonly Counter<long> _crossings;

    public LedgerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _settlements = meter.CreateCounter<long>("ledger.settlements", "{settlement}", "Settlements by outcome");
        _events = meter.CreateCounter<long>("ledger.events", "{event}", "Events written to household outboxes");
        _crossings = meter.CreateCounter<long>("ledger.threshold_crossings", "{crossing}", "Threshold levels crossed");
    }

    public void Recorded(IReadOnlyList<LedgerEvent> events) => Count("recorded", events);

    public void Reversed(IReadOnlyList<LedgerEvent> events) => Count("reversed", events);

    public void Rejected() => _settlements.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));

    private void Count(string outcome, IReadOnlyList<LedgerEvent> events)
    {
        _settlements.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _events.Add(events.Count);
        foreach (var ledgerEvent in events)
        {
            if (ledgerEvent.Kind == EventKinds.ThresholdCrossed)
            {
                _crossings.Add(1, new KeyValuePair<string, object?>("rule", ledgerEvent.Rule));
            }
        }
    }
}

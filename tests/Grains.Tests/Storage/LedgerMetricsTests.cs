using System.Diagnostics.Metrics;
using Ledger.Contracts.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Grains.Tests.Storage;

public sealed class LedgerMetricsTests
{
    [Fact]
    public void Settlements_events_and_crossings_are_counted_on_the_ledger_meter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<IMeterFactory>());
        var measured = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LedgerMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}")))));
        listener.Start();

        metrics.Recorded([
            new LedgerEvent { Kind = EventKinds.SettlementRecorded },
            new LedgerEvent { Kind = EventKinds.ThresholdCrossed, Rule = "household_cap" },
        ]);
        metrics.Rejected();

        Assert.Equal(
            [("ledger.settlements", 1L, "outcome=recorded"), ("ledger.events", 2L, ""),
             ("ledger.threshold_crossings", 1L, "rule=household_cap"), ("ledger.settlements", 1L, "outcome=rejected")],
            measured);
    }
}

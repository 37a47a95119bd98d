using System.Diagnostics.Metrics;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Grains.Tests.Storage;

public sealed class LedgerMetricsTests
{
    [Fact]
    public void Settlements_journal_entries_events_and_crossings_are_counted_on_the_ledger_meter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<IMeterFactory>());
        var measured = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this test's meter: other tests' silos publish on meters of the same name concurrently.
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measured.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}")))));
        listener.Start();

        metrics.Settled("recorded");
        metrics.Journaled([new JournalEntry
        {
            Kind = EntryKind.Recorded,
            Events = [new EntryEvent(EntryEventKind.Crossed, Rule.HouseholdCap, Level.Crossed, true, "H-1", 50_000m, 50_000m, SettlementKey.None)],
        }]);
        metrics.Settled("rejected");

        Assert.Equal(
            [("ledger.settlements", 1L, "outcome=recorded"), ("ledger.journal.entries", 1L, "kind=settlement_recorded"), ("ledger.events", 2L, ""),
             ("ledger.threshold_crossings", 1L, "rule=household_cap"), ("ledger.settlements", 1L, "outcome=rejected")],
            measured);
    }

    [Fact]
    public void Projector_lag_is_a_histogram_in_seconds_on_the_ledger_meter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<IMeterFactory>());
        var measured = new List<(string Instrument, string? Unit, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.Add((instrument.Name, instrument.Unit, value)));
        listener.Start();

        metrics.ProjectorLagged(TimeSpan.FromMilliseconds(250));

        // Exported to Prometheus as ledger_projector_lag_seconds.
        Assert.Equal([("ledger.projector.lag", "s", 0.25)], measured);
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Silo.Projections;
using Ledger.Silo.Storage;
using Ledger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Ledger.Bench.Projections;

/// <summary>
/// The projector end to end: settlements of new persons appended to the silo's PostgreSQL journal at a
/// steady rate (each stamped logged_at as a household stamps it, just before its append), the silo's
/// <see cref="Projector"/> following the journal on top of the projections already loaded, and its own
/// lag histogram (<c>ledger.projector.lag</c>: per batch, from the oldest entry's logged_at to the batch
/// committed in the projections) collected.
/// </summary>
internal static class LagRun
{
    public sealed record Figures(double FedPerSecond, int Fed, List<double> LagSeconds, TimeSpan Drain);

    public static async Task<Figures> Run(
        string connection, PostgresProjectionStore store, PolicyCatalogue policies, int firstPerson, int rate, TimeSpan duration,
        Func<int, DateTimeOffset, JournalEntry> settlement)
    {
        var services = new ServiceCollection().AddSerializer().AddMetrics().BuildServiceProvider();
        var metrics = new LedgerMetrics(services.GetRequiredService<IMeterFactory>());
        var lags = new List<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listening) =>
            {
                if (instrument.Name == "ledger.projector.lag")
                {
                    listening.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            lock (lags)
            {
                lags.Add(seconds);
            }
        });
        listener.Start();
        var fanOut = new JournalFanOut(null!, metrics, NullLogger<JournalFanOut>.Instance);
        var journal = new PostgresJournal(new PostgresJournalOptions(connection), services.GetRequiredService<Serializer>(), fanOut, metrics,
            NullLogger<PostgresJournal>.Instance);
        var lifecycle = new SingleStageLifecycle();
        journal.Participate(lifecycle);
        await lifecycle.Observer!.OnStart(CancellationToken.None);
        // The projections hold the persons loaded before; the journal starts at position 1 with new ones.
        await using (var rewind = new NpgsqlConnection(connection))
        {
            await rewind.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE ledger_projection_checkpoint SET position = 0", rewind);
            await command.ExecuteNonQueryAsync();
        }
        var projector = new Projector(journal, store, new SoleLeadership(), policies, fanOut, metrics, TimeProvider.System, NullLogger<Projector>.Instance);
        await projector.StartAsync(CancellationToken.None);

        var appends = new List<Task<AppendOutcome>>();
        var clock = Stopwatch.StartNew();
        var fed = 0;
        while (clock.Elapsed < duration)
        {
            var owed = (int)(rate * clock.Elapsed.TotalSeconds);
            for (; fed < owed; fed++)
            {
                appends.Add(journal.Append(JournalAppend.Of([settlement(firstPerson + fed, DateTimeOffset.UtcNow)])));
            }
            await Task.Delay(5);
        }
        var feeding = clock.Elapsed;
        await Task.WhenAll(appends);
        var last = await journal.LastPosition();
        var drained = Stopwatch.StartNew();
        while (await store.Checkpoint() < last)
        {
            await Task.Delay(10);
        }
        await projector.StopAsync(CancellationToken.None);
        await lifecycle.Observer.OnStop(CancellationToken.None);
        listener.Dispose();
        return new Figures(fed / feeding.TotalSeconds, fed, lags, drained.Elapsed);
    }
}

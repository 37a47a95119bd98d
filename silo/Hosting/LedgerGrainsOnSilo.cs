using Ledger.Contracts.Events;
using Ledger.Grains.Households;
using Ledger.Grains.Hosting;

namespace Ledger.Silo.Hosting;

/// <summary>
/// The ledger's grains on a silo, in either runtime mode: their grain storage and reminders, the
/// journal, the event streams and the grains' services. The host (<see cref="LedgerSilo"/>) and the
/// test clusters call this one method, so what the tests run is wired as what ships; they add only
/// what a host owns (clustering endpoints, TLS, the HTTP API) or what a test takes control of.
/// </summary>
public static class LedgerGrainsOnSilo
{
    /// <summary>
    /// The grain storages the grains read: household snapshots (<see cref="HouseholdGrain.SnapshotStorage"/>)
    /// and the stream subscriptions of Orleans' pub-sub. Registered by this name list in both modes.
    /// </summary>
    public static readonly IReadOnlyList<string> StorageNames = [HouseholdGrain.SnapshotStorage, "PubSubStore"];

    /// <summary>
    /// <paramref name="connection"/> null: embedded, everything in memory; otherwise the PostgreSQL mode
    /// (ADO.NET clustering, grain storage and reminders, the journal as tables). An <c>IJournal</c> or
    /// a <see cref="TimeProvider"/> registered before this call wins in the embedded mode.
    /// </summary>
    public static ISiloBuilder AddLedgerGrains(this ISiloBuilder silo, string? connection, LedgerOptions options)
    {
        if (connection is null)
        {
            foreach (var storage in StorageNames)
            {
                InProcessGrainStorage.Add(silo, storage);
            }
            silo.UseInMemoryReminderService();
        }
        else
        {
            silo.UseLedgerPostgres(connection);
            silo.Services.AddLedgerPostgresJournal(connection);
        }
        // A storage failure on one silo reaches the API on another as what it is (NpgsqlException), so it
        // answers 503; without this the exception cannot cross silos and arrives as a codec error (500).
        silo.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(exceptions => exceptions.SupportedNamespacePrefixes.Add("Npgsql"));
        silo.AddMemoryStreams(EventStreams.ProviderName, streams => streams.ConfigurePullingAgent(agent =>
            agent.Configure(pulling => pulling.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(options.StreamPollMilliseconds))));
        silo.Services.AddLedgerGrainServices(options.PolicyFolder ?? LedgerGrainServices.DefaultPolicyFolder);
        return silo;
    }
}

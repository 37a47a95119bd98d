using Ledger.Schema;
using Orleans.Runtime;

namespace Ledger.Silo.Storage;

/// <summary>
/// The silo's start-up check that the database's schema is current (<see cref="PostgresSchema.RequireCurrentAsync"/>):
/// the first thing the silo does with the database, before clustering, storage or the journal touch it.
/// A stale schema fails the silo's start with the message saying how to migrate; the silo itself never
/// migrates (its role reads and writes rows, the schema is the migration role's: <c>ledger db init</c>).
/// </summary>
public sealed class PostgresSchemaCheck(PostgresJournalOptions options) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Just before the runtime initialises: ADO.NET membership reads its table in that stage.</summary>
    public const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(PostgresSchemaCheck), Stage,
        cancellationToken => PostgresSchema.RequireCurrentAsync(options.ConnectionString, cancellationToken));
}

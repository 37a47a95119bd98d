using Ledger.Contracts.Events;
using Ledger.Silo.Storage;
using Npgsql;

namespace Ledger.Grains.Tests.Postgres;

public sealed class EventLogTests : IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase _database;

    public EventLogTests(PostgresDatabase database) => _database = database;

    [Fact]
    public async Task Appends_commit_one_at_a_time_so_log_order_is_commit_order()
    {
        await PostgresSchema.ApplyAsync(_database.ConnectionString);
        var log = new PostgresEventLog(new PostgresEventLogOptions(_database.ConnectionString));
        await log.StartAsync(CancellationToken.None);
        try
        {
            // Another silo's append, holding the lock in an open transaction.
            await using var other = new NpgsqlConnection(_database.ConnectionString);
            await other.OpenAsync();
            await using var transaction = await other.BeginTransactionAsync();
            await using (var hold = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresEventLog.AppendLock})", other, transaction))
            {
                await hold.ExecuteNonQueryAsync();
            }

            var append = log.Append([Event("H-1/S-1/0"), Event("H-1/S-1/1")]);
            var waited = await Task.WhenAny(append, Task.Delay(TimeSpan.FromMilliseconds(500)));
            Assert.NotSame(append, waited);
            Assert.Equal(0L, await _database.Scalar<long>("SELECT count(*) FROM ledger_events"));

            await transaction.CommitAsync();
            await append.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(["H-1/S-1/0", "H-1/S-1/1"], (await log.ReadAfter("35", 0, 10)).Select(logged => logged.Event.EventId));
        }
        finally
        {
            await log.StopAsync(CancellationToken.None);
        }
    }

    private static LedgerEvent Event(string id) => new()
    {
        EventId = id, Kind = EventKinds.SettlementRecorded, SubjectType = "person", SubjectId = "P-1", HouseholdId = "H-1",
        RegionCode = "350102", Year = 2024, SetlId = "S-1", OccurredAt = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)),
    };
}

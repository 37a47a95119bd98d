using Ledger.Policy.Domain;
using System.Text.Json;
using System.Threading.Channels;
using Ledger.Contracts;
using Ledger.Contracts.Events;
using Ledger.Grains.Events;
using Ledger.Grains.Settlements;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Silo.Storage;

public sealed record PostgresEventLogOptions(string ConnectionString);

/// <summary>
/// The durable event log: table <c>ledger_events</c>. Appends from all households of the silo are
/// gathered into one multi-row insert per round trip (idempotent on <c>event_id</c>), so logging costs
/// a fraction of a write per settlement; each caller's task completes when its rows are committed.
/// </summary>
public sealed class PostgresEventLog(PostgresEventLogOptions options) : BackgroundService, IEventLog
{
    /// <summary>Rows per insert: large enough to amortise a round trip, small enough to keep latency low.</summary>
    public const int BatchRowsMax = 2_000;

    /// <summary>An arbitrary constant naming the "append to the event log" advisory lock.</summary>
    public const long AppendLock = 0x4C_65_64_67_65_72_45;

    private readonly Channel<(IReadOnlyList<LedgerEvent> Events, TaskCompletionSource Done)> _pending =
        Channel.CreateUnbounded<(IReadOnlyList<LedgerEvent>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    public AppendSignal Appended { get; } = new();

    public Task<long> LastSequence(CancellationToken cancellationToken = default) =>
        Scalar("SELECT coalesce(max(seq), 0) FROM ledger_events", cancellationToken);

    public Task Append(IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _pending.Writer.TryWrite((events, done)) ? done.Task : Task.FromException(new InvalidOperationException("event log is stopped"));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(IReadOnlyList<LedgerEvent> Events, TaskCompletionSource Done)>();
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            var rows = 0;
            while (rows < BatchRowsMax && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
                rows += item.Events.Count;
            }
            try
            {
                var logged = await Insert(batch.SelectMany(item => item.Events).ToList(), stoppingToken);
                batch.ForEach(item => item.Done.TrySetResult());
                Appended.Pulse(logged);
            }
            catch (Exception error)
            {
                batch.ForEach(item => item.Done.TrySetException(error));
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// Inserts are taken one at a time across silos (a transaction-scoped advisory lock), so <c>seq</c>
    /// order is commit order: a reader resuming after event n (SSE Last-Event-ID) can never find a later
    /// commit with a smaller seq, which it would otherwise skip. One lock per batch, not per event.
    /// </summary>
    /// <returns>The events this insert logged (not those already there), with their positions, in order.</returns>
    private async Task<List<LoggedEvent>> Insert(List<LedgerEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // One round trip; the statements up to the protocol's Sync form one implicit transaction.
        await using var batch = new NpgsqlBatch(connection);
        var serialize = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(@lock)");
        serialize.Parameters.AddWithValue("lock", AppendLock);
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO ledger_events (event_id, region_code, household_id, kind, year, occurred_at, payload)
            SELECT * FROM unnest(@ids, @regions, @households, @kinds, @years, @times, @payloads)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING seq, event_id
            """);
        insert.Parameters.Add(new NpgsqlParameter<string[]>("ids", events.Select(e => e.EventId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("regions", events.Select(e => e.RegionCode).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("households", events.Select(e => e.HouseholdId).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<string[]>("kinds", events.Select(e => e.Kind).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<int[]>("years", events.Select(e => e.Year).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter<DateTime[]>("times", events.Select(e => e.OccurredAt.UtcDateTime).ToArray()));
        insert.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = events.Select(e => JsonSerializer.Serialize(e, LedgerJson.Options)).ToArray(),
        });
        batch.BatchCommands.Add(serialize);
        batch.BatchCommands.Add(insert);
        var byId = new Dictionary<string, LedgerEvent>(events.Count, StringComparer.Ordinal);
        events.ForEach(ledgerEvent => byId.TryAdd(ledgerEvent.EventId, ledgerEvent));
        var logged = new List<LoggedEvent>(events.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past the lock's row
        while (await reader.ReadAsync(cancellationToken))
        {
            logged.Add(new LoggedEvent(reader.GetInt64(0), byId[reader.GetString(1)]));
        }
        // Rows can arrive before the commit; reading to the end surfaces a commit that failed.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }
        logged.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return logged;
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadAfter(string regionPrefix, long afterSequence, int max, CancellationToken cancellationToken = default) =>
        await Query("""
            SELECT seq, payload FROM ledger_events
            WHERE region_code LIKE @prefix || '%' AND seq > @after ORDER BY seq LIMIT @max
            """, command =>
        {
            command.Parameters.AddWithValue("prefix", regionPrefix);
            command.Parameters.AddWithValue("after", afterSequence);
            command.Parameters.AddWithValue("max", max);
        }, cancellationToken);

    public async Task<long?> SequenceOf(string eventId, CancellationToken cancellationToken = default)
    {
        var found = await Query("SELECT seq, payload FROM ledger_events WHERE event_id = @id",
            command => command.Parameters.AddWithValue("id", eventId), cancellationToken);
        return found.Count == 0 ? null : found[0].Sequence;
    }

    public async Task<IReadOnlyList<LedgerEvent>> ReadMonth(string regionPrefix, int year, int month, CancellationToken cancellationToken = default)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, ChinaTime.Offset);
        var found = await Query("""
            SELECT seq, payload FROM ledger_events
            WHERE region_code LIKE @prefix || '%' AND occurred_at >= @start AND occurred_at < @end ORDER BY seq
            """, command =>
        {
            command.Parameters.AddWithValue("prefix", regionPrefix);
            command.Parameters.AddWithValue("start", start.UtcDateTime);
            command.Parameters.AddWithValue("end", start.AddMonths(1).UtcDateTime);
        }, cancellationToken);
        return found.Select(logged => logged.Event).ToList();
    }

    private async Task<long> Scalar(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<LoggedEvent>> Query(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        var found = new List<LoggedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new LoggedEvent(reader.GetInt64(0), JsonSerializer.Deserialize<LedgerEvent>(reader.GetString(1), LedgerJson.Options)!));
        }
        return found;
    }
}

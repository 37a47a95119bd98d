using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Silo.Security.Audit;

/// <summary>
/// The PostgreSQL mode's trail, table <c>ledger_audit</c> (11-audit.sql). Concurrent requests' lines
/// are written together, one binary COPY per round, so a feed's batches cost one round trip per round
/// rather than one per settlement; each request waits until its lines are committed. Two rounds may be in
/// flight, so a request never waits behind a whole round that began without it.
/// </summary>
public sealed class PostgresAuditTrail(NpgsqlDataSource database) : IHostedService, IAuditTrail
{
    /// <summary>Lines written in one round: bounds one COPY.</summary>
    public const int RoundLinesMax = 20_000;

    /// <summary>
    /// Rounds in flight at once. With one, a request arriving just after a round began waited for that
    /// round and then its own: two commits on its answer's path. With two, the second writer takes it at once.
    /// </summary>
    public const int Writers = 2;

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });

    public Task Record(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }
        var pending = new Pending(entries, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _pending.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException(new ObjectDisposedException(nameof(PostgresAuditTrail)));
    }

    public async Task<IReadOnlyList<AuditEntry>> Find(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT id, at, key_id, action, subject, outcome FROM ledger_audit
            WHERE ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR key_id = $2)
              AND ($4::timestamptz IS NULL OR (at <= $4 AND (at < $4 OR id < $5)))
            ORDER BY at DESC, id DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.KeyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
        // The cursor: at <= before keeps to the (subject, at DESC) and (key_id, at DESC) indexes; id breaks ties at the same instant.
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Before?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.BeforeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        var found = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new AuditEntry(reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5))
            {
                Id = reader.GetInt64(0),
            });
        }
        return found;
    }

    private Task _writing = Task.CompletedTask;

    /// <summary>
    /// The writers start here, not in a BackgroundService's ExecuteAsync: since .NET 10 that runs in a
    /// Task.Run given the stopping token, so a trail stopped before the thread pool got to it never ran,
    /// and the lines queued meanwhile were never written nor their requests answered.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _writing = Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteRounds, CancellationToken.None)));
        return Task.CompletedTask;
    }

    private async Task WriteRounds()
    {
        var round = new List<Pending>();
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var lines = 0;
            while (lines < RoundLinesMax && _pending.Reader.TryRead(out var next))
            {
                round.Add(next);
                lines += next.Entries.Count;
            }
            if (round.Count == 0)
            {
                continue; // the other writer took what woke this one
            }
            try
            {
                await Write(round);
                round.ForEach(pending => pending.Done.TrySetResult());
            }
            catch (Exception error)
            {
                round.ForEach(pending => pending.Done.TrySetException(error));
            }
            round.Clear();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests still being answered finish their lines; the writers end when the queue is empty.
        _pending.Writer.TryComplete();
        return _writing.WaitAsync(cancellationToken);
    }

    private async Task Write(List<Pending> round)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync("COPY ledger_audit (at, key_id, action, subject, outcome) FROM STDIN (FORMAT BINARY)");
        foreach (var entry in round.SelectMany(pending => pending.Entries))
        {
            await import.StartRowAsync();
            await import.WriteAsync(entry.At, NpgsqlDbType.TimestampTz);
            await import.WriteAsync(entry.KeyId, NpgsqlDbType.Text);
            await import.WriteAsync(entry.Action, NpgsqlDbType.Text);
            await import.WriteAsync(entry.Subject, NpgsqlDbType.Text);
            await import.WriteAsync(entry.Outcome, NpgsqlDbType.Text);
        }
        await import.CompleteAsync();
    }

    private sealed record Pending(IReadOnlyList<AuditEntry> Entries, TaskCompletionSource Done);
}

using System.Runtime.CompilerServices;
using Ledger.Schema;
using Ledger.Silo.Storage;
using Npgsql;

namespace Ledger.Silo.Projections;

/// <summary>
/// The projections as PostgreSQL tables (12-projections.sql, 13-monitoring-counts.sql). A batch is one
/// transaction: the checkpoint row is locked first, entries at or before it are skipped, the stored
/// monitoring rows of the subjects the rest touch are read, and the rest, merged per row, go in one round
/// trip with the new checkpoint (a move's mark splits the batch in runs written one after the other: see
/// <see cref="ProjectionBatch.Runs"/>). Reads stream from the server and range over a prefix with the "C" collation's order.
/// </summary>
public sealed partial class PostgresProjectionStore(NpgsqlDataSource database) : IProjectionStore, IAsyncDisposable
{
    public const string CheckpointName = "journal";

    public async Task<long> Checkpoint(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT coalesce(max(position), 0) FROM ledger_projection_checkpoint WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = CheckpointName });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long> Apply(IReadOnlyList<FoldedEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var checkpoint = await LockCheckpoint(connection, transaction, cancellationToken);
        var applying = FoldedEntry.Contiguous(entries, checkpoint);
        if (applying.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return checkpoint;
        }
        // Most batches are one run; a move's mark starts a run of its own, written after the runs before it.
        var runs = ProjectionBatch.Runs(applying);
        for (var i = 0; i < runs.Count; i++)
        {
            await Write(ProjectionBatch.Of(runs[i]), i == runs.Count - 1 ? applying[^1].Position : null, connection, transaction, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return applying[^1].Position;
    }

    /// <summary>One merged run of entries in one round trip (after the reads it needs), with the new checkpoint when it is the last.</summary>
    private static async Task Write(
        ProjectionBatch merged, long? checkpoint, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var monitoring = merged.Monitoring.Count == 0 ? MonitoringDelta.None
            : MonitoringDelta.Of(await StoredMonitoring(MonitoringDelta.Subjects(merged.Monitoring), connection, transaction, cancellationToken), merged.Monitoring);
        var unsettled = merged.ReclassifiedUnsettledHere();
        var settledBefore = unsettled.Length == 0 ? new HashSet<string>()
            : await WithCountedSettlements(unsettled, connection, transaction, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in ProjectionCommands.Of(merged, monitoring, settledBefore))
        {
            batch.BatchCommands.Add(command);
        }
        if (checkpoint is { } position)
        {
            var moved = new NpgsqlBatchCommand("UPDATE ledger_projection_checkpoint SET position = $2 WHERE name = $1");
            moved.Parameters.Add(new NpgsqlParameter { Value = CheckpointName });
            moved.Parameters.Add(new NpgsqlParameter { Value = position });
            batch.BatchCommands.Add(moved);
        }
        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The checkpoint, its row locked until the transaction ends (created at 0 the first time).</summary>
    private static async Task<long> LockCheckpoint(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var ensure = new NpgsqlCommand(
            "INSERT INTO ledger_projection_checkpoint (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING", connection, transaction))
        {
            ensure.Parameters.Add(new NpgsqlParameter { Value = CheckpointName });
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var locking = new NpgsqlCommand("SELECT position FROM ledger_projection_checkpoint WHERE name = $1 FOR UPDATE", connection, transaction);
        locking.Parameters.Add(new NpgsqlParameter { Value = CheckpointName });
        return (long)(await locking.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<ListedRow>> StoredMonitoring(
        IReadOnlyCollection<MonitoringSubject> subjects, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = new List<ListedRow>();
        await using var command = ProjectionCommands.StoredMonitoring(subjects, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ProjectionCommands.ReadStored(reader));
        }
        return rows;
    }

    private static async Task<HashSet<string>> WithCountedSettlements(
        string[] persons, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var settled = new HashSet<string>(StringComparer.Ordinal);
        await using var command = ProjectionCommands.WithCountedSettlements(persons, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settled.Add(reader.GetString(0));
        }
        return settled;
    }

    public async Task Reset(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await ProjectionReset.RunAsync(connection, cancellationToken);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <summary>Bounds of a prefix as a range: every code starting with "35" is in ["35", "3:") in byte order.</summary>
    internal static (string From, string Until) Range(string prefix) => (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    internal NpgsqlCommand Command(string sql, params object?[] values)
    {
        var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }

    private static async IAsyncEnumerable<T> Stream<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return read(reader);
            }
        }
    }
}

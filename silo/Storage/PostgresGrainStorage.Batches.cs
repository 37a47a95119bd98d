using Npgsql;

namespace Ledger.Silo.Storage;

/// <summary>One grain's write waiting for its batch; completes with the new version, or null on a version conflict.</summary>
internal sealed record PendingWrite(string Type, string Key, int? ExpectedVersion, byte[] Payload)
{
    public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public sealed partial class PostgresGrainStorage
{
    /// <summary>
    /// Updates the rows whose version is the one each writer read, inserts the rows written for the
    /// first time, and returns every row it wrote: a write missing from the result lost its version check.
    /// </summary>
    private const string WriteBatch = """
        WITH input AS (
            SELECT * FROM unnest(@types, @keys, @expected, @payloads) AS i(grain_type, grain_key, expected, payload)),
        updated AS (
            UPDATE ledger_grain_state s SET version = s.version + 1, payload = i.payload, modified_at = now()
            FROM input i
            WHERE s.grain_type = i.grain_type AND s.grain_key = i.grain_key AND s.version = i.expected
            RETURNING s.grain_type, s.grain_key, s.version),
        inserted AS (
            INSERT INTO ledger_grain_state (grain_type, grain_key, version, payload)
            SELECT grain_type, grain_key, 1, payload FROM input WHERE expected IS NULL
            ON CONFLICT DO NOTHING
            RETURNING grain_type, grain_key, version)
        SELECT grain_type, grain_key, version FROM updated
        UNION ALL
        SELECT grain_type, grain_key, version FROM inserted
        """;

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingWrite>(BatchWritesMax);
        var keys = new HashSet<(string, string)>();
        PendingWrite? carried = null;
        while (carried is not null || await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            keys.Clear();
            if (carried is not null)
            {
                batch.Add(carried);
                keys.Add((carried.Type, carried.Key));
                carried = null;
            }
            // A statement may touch a row once: a second write of the same grain waits for the next batch.
            while (batch.Count < BatchWritesMax && _pending.Reader.TryRead(out var write))
            {
                if (!keys.Add((write.Type, write.Key)))
                {
                    carried = write;
                    break;
                }
                batch.Add(write);
            }
            await ExecuteAsync(batch);
        }
    }

    private async Task ExecuteAsync(List<PendingWrite> batch)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(WriteBatch, connection);
            command.Parameters.Add(new NpgsqlParameter<string[]>("types", [.. batch.Select(write => write.Type)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. batch.Select(write => write.Key)]));
            command.Parameters.Add(new NpgsqlParameter<int?[]>("expected", [.. batch.Select(write => write.ExpectedVersion)]));
            command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", [.. batch.Select(write => write.Payload)]));
            var written = new Dictionary<(string, string), int>(batch.Count);
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    written[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
                }
            }
            foreach (var write in batch)
            {
                write.Done.TrySetResult(written.TryGetValue((write.Type, write.Key), out var version) ? version : null);
            }
        }
        catch (Exception error)
        {
            LogBatchFailed(_logger, batch.Count, error.GetType().Name, error.Message);
            foreach (var write in batch)
            {
                write.Done.TrySetException(error);
            }
        }
    }
}

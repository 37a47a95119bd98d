using System.Diagnostics;
using Npgsql;

namespace Ledger.Bench.Load.References;

/// <summary>
/// The machine's physical ceiling for "one durable write per settlement": single-row upserts of a
/// payload the size of a household's state, autocommitted, from as many connections as the silo's
/// pool, for a fixed time. Nothing is computed; it is what PostgreSQL alone can take.
/// </summary>
public static class RawUpsert
{
    public static async Task<double> RunAsync(string connectionString, int connections, int payloadBytes, int keys, TimeSpan duration)
    {
        await Execute(connectionString, "DROP TABLE IF EXISTS bench_upsert; CREATE TABLE bench_upsert (key bigint PRIMARY KEY, payload bytea NOT NULL)");
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var writes = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var upsert = new NpgsqlCommand(
                "INSERT INTO bench_upsert (key, payload) VALUES (@key, @payload) ON CONFLICT (key) DO UPDATE SET payload = excluded.payload", connection);
            var key = new NpgsqlParameter<long>("key", 0L);
            upsert.Parameters.Add(key);
            upsert.Parameters.Add(new NpgsqlParameter<byte[]>("payload", payload));
            await upsert.PrepareAsync();
            var random = new Random(worker);
            while (clock.Elapsed < duration)
            {
                key.TypedValue = random.Next(keys);
                await upsert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref writes);
            }
        }));
        var rate = writes / clock.Elapsed.TotalSeconds;
        await Execute(connectionString, "DROP TABLE bench_upsert");
        return rate;
    }

    internal static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

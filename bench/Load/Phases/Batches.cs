using System.Text;
using System.Text.Json;
using Ledger.Client.Wire;

namespace Ledger.Bench.Load.Phases;

/// <summary>One NDJSON request body, serialised before the clock starts so the generator's cost is not measured.</summary>
public sealed record Batch(byte[] Body, string[] SetlIds);

public static class Batches
{
    public static List<Batch> Of(IEnumerable<SettlementLine> settlements, int linesPerBatch) =>
        settlements.Chunk(linesPerBatch).Select(chunk => new Batch(
            Encoding.UTF8.GetBytes(string.Join('\n', chunk.Select(line => JsonSerializer.Serialize(line, ClientJson.Options))) + "\n"),
            chunk.Select(line => line.SetlId).ToArray())).ToList();
}

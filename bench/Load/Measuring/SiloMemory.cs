namespace Ledger.Bench.Load.Measuring;

/// <summary>
/// The silo's live managed heap: a full collection induced, then read from the silo's /metrics as the
/// heap's size after it less its fragmentation (the free space between live objects that the size
/// counts): what the objects themselves take.
/// </summary>
public static class SiloMemory
{
    public static async Task<long> LiveHeapAsync(SiloProcess silo)
    {
        await FullCollection.InduceAsync(silo.ProcessId);
        var lines = await SiloMetrics.ReadAsync(silo);
        return (long)(SiloMetrics.Sum(lines, "dotnet_gc_last_collection_heap_size_bytes{") - SiloMetrics.Sum(lines, "dotnet_gc_last_collection_heap_fragmentation_size_bytes{"));
    }
}

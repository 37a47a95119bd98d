using System.Globalization;

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
        using var http = new HttpClient { BaseAddress = silo.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorKey); // /metrics is for operators
        var lines = (await http.GetStringAsync("metrics")).Split('\n');
        return Sum(lines, "dotnet_gc_last_collection_heap_size_bytes{") - Sum(lines, "dotnet_gc_last_collection_heap_fragmentation_size_bytes{");
    }

    private static long Sum(string[] lines, string metric) => lines.Where(line => line.StartsWith(metric, StringComparison.Ordinal))
        .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

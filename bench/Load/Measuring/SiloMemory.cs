using System.Globalization;

namespace Ledger.Bench.Load.Measuring;

/// <summary>The silo's live managed heap: a full collection induced, then its size read from the silo's /metrics.</summary>
public static class SiloMemory
{
    public static async Task<long> LiveHeapAsync(SiloProcess silo)
    {
        await FullCollection.InduceAsync(silo.ProcessId);
        using var http = new HttpClient { BaseAddress = silo.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorKey); // /metrics is for operators
        var text = await http.GetStringAsync("metrics");
        return text.Split('\n').Where(line => line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }
}

using System.Globalization;

namespace Ledger.Bench.Load.Measuring;

/// <summary>The silo's own /metrics (Prometheus text, operators only), summed over a metric's series.</summary>
public static class SiloMetrics
{
    public static async Task<string[]> ReadAsync(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.OperatorKey);
        return (await http.GetStringAsync("metrics")).Split('\n');
    }

    /// <param name="metric">The metric's name with the brace that opens its labels, e.g. <c>dotnet_jit_compiled_methods_total{</c>.</param>
    public static long Sum(string[] lines, string metric) => lines.Where(line => line.StartsWith(metric, StringComparison.Ordinal))
        .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

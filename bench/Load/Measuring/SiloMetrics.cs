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
    public static double Sum(string[] lines, string metric) => lines.Where(line => line.StartsWith(metric, StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    /// <summary>A histogram's cumulative counts by bucket bound (<c>le</c>), summed over its series.</summary>
    /// <param name="bucket">The histogram's bucket series, e.g. <c>ledger_projector_lag_seconds_bucket</c>.</param>
    public static SortedDictionary<double, double> Buckets(string[] lines, string bucket)
    {
        var counts = new SortedDictionary<double, double>();
        foreach (var line in lines.Where(line => line.StartsWith(bucket + "{", StringComparison.Ordinal)))
        {
            var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
            le = le[..le.IndexOf('"')];
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            counts[bound] = counts.GetValueOrDefault(bound) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>
    /// The bucket bound under which a <paramref name="quantile"/> of what was observed between two
    /// readings falls (an upper bound, as fine as the buckets), or null when nothing was observed.
    /// </summary>
    public static double? QuantileBound(SortedDictionary<double, double> before, SortedDictionary<double, double> after, double quantile)
    {
        var total = after.GetValueOrDefault(double.PositiveInfinity) - before.GetValueOrDefault(double.PositiveInfinity);
        return total <= 0 ? null
            : after.First(bucket => bucket.Value - before.GetValueOrDefault(bucket.Key) >= quantile * total).Key;
    }

    /// <summary>The methods the silo's JIT has compiled so far, and the time it spent on them.</summary>
    public static async Task<JitTotals> JitAsync(SiloProcess silo)
    {
        var lines = await ReadAsync(silo);
        return new((long)Sum(lines, "dotnet_jit_compiled_methods_total{"), Sum(lines, "dotnet_jit_compilation_time_seconds_total{"));
    }
}

public readonly record struct JitTotals(long Methods, double Seconds)
{
    public static JitTotals operator -(JitTotals after, JitTotals before) => new(after.Methods - before.Methods, after.Seconds - before.Seconds);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Methods:N0} methods compiled, {Seconds:0.0} s of JIT");
}

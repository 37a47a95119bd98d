using System.Diagnostics;
using System.Globalization;
using Ledger.Bench.Load.Measuring;

namespace Ledger.Bench.Load.Phases;

/// <summary>
/// Rounds of warm-up work of its own through a fresh silo until the silo's JIT is quiet, read from its
/// own /metrics: a fresh silo spends about a fifth of its CPU in the JIT for its first half-minute under
/// load (tiering and dynamic PGO recompiling the hot paths), which is most of what a phase of a few
/// seconds would otherwise measure. A silo that has been running, as a province's feed finds it, has paid
/// that already. The figures say how long it took.
/// </summary>
public static class JitWarmUp
{
    /// <summary>A round compiling fewer methods than this leaves the JIT quiet.</summary>
    private const int QuietCompiledMethods = 200;

    private const int RoundsMax = 40;

    /// <summary>The first seed of the warm-up regions: the measured regions use small seeds.</summary>
    private const int FirstSeed = 100;

    /// <param name="round">One round with the seed given (a region of its own); answers how many items it sent.</param>
    public static async Task<string> RunAsync(SiloProcess silo, Func<int, Task<int>> round)
    {
        var clock = Stopwatch.StartNew();
        var (items, rounds, quiet) = (0, 0, false);
        var compiled = (await SiloMetrics.JitAsync(silo)).Methods;
        while (!quiet && rounds < RoundsMax)
        {
            items += await round(FirstSeed + rounds++);
            var before = compiled;
            compiled = (await SiloMetrics.JitAsync(silo)).Methods;
            quiet = compiled - before < QuietCompiledMethods;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{items:N0} in {clock.Elapsed.TotalSeconds:0} s ({rounds} rounds), {compiled:N0} methods compiled, the JIT {(quiet ? "quiet" : "still compiling")}");
    }
}

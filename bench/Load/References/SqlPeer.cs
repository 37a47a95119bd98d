using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Bench.Load.References;

/// <summary>What the shared peer measured on the same server: the PL/pgSQL ledger and the raw upsert ceiling.</summary>
public sealed record PeerFigures(double PeerPerSecond, double RawUpsertPerSecond, string Output);

/// <summary>
/// The durable mode's peer, <c>../shared/bench/sqlpeer/run.sh</c>: a conventional ledger whose
/// <c>settle()</c> does the waterfall in one PL/pgSQL round trip (pgbench, 16 clients), and raw
/// single-row upserts of a state blob as PostgreSQL's own ceiling. Run as it is, on this server,
/// right after the ledger's own PostgreSQL run.
/// </summary>
public static partial class SqlPeer
{
    public static async Task<PeerFigures> RunAsync(TimeSpan duration)
    {
        var script = Repository.Path("..", "shared", "bench", "sqlpeer", "run.sh");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"the shared peer is not at {script}");
        }
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SECS"] = ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = Figures().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"sqlpeer/run.sh exited {process.ExitCode}: {output}\n{error}");
        }
        return new PeerFigures(double.Parse(match.Groups["peer"].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups["raw"].Value, CultureInfo.InvariantCulture), output.Trim());
    }

    [GeneratedRegex(@"sql peer: (?<peer>[0-9.]+) settlements/s.*raw upsert ceiling: (?<raw>[0-9.]+) writes/s")]
    private static partial Regex Figures();
}

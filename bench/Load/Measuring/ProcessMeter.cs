using System.Globalization;

namespace Ledger.Bench.Load.Measuring;

/// <summary>
/// CPU time and resident memory of processes, read from /proc: the silo by its pid, PostgreSQL as
/// every process whose command line starts with "postgres" (the server and its backends).
/// </summary>
public static class ProcessMeter
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    public static double PostgresCpuSeconds()
    {
        var total = 0.0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var command = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (command.StartsWith("postgres", StringComparison.Ordinal) || command.StartsWith("/usr/lib/postgresql", StringComparison.Ordinal))
                {
                    total += CpuSeconds(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }
        return total;
    }

    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }
}

/// <summary>CPU used by the silo and PostgreSQL over one phase, in cores (CPU seconds per wall second).</summary>
public sealed class CpuWindow
{
    private readonly int _siloPid;
    private readonly double _silo;
    private readonly double _postgres;
    private readonly System.Diagnostics.Stopwatch _wall = System.Diagnostics.Stopwatch.StartNew();

    public CpuWindow(int siloPid)
    {
        _siloPid = siloPid;
        _silo = ProcessMeter.CpuSeconds(siloPid);
        _postgres = ProcessMeter.PostgresCpuSeconds();
    }

    public (double SiloCores, double PostgresCores) Stop()
    {
        var seconds = _wall.Elapsed.TotalSeconds;
        return ((ProcessMeter.CpuSeconds(_siloPid) - _silo) / seconds, (ProcessMeter.PostgresCpuSeconds() - _postgres) / seconds);
    }
}

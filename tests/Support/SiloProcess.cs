using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ledger.Tests.Support;

/// <summary>The ports one silo listens on; a restart at the same address reuses them.</summary>
public sealed record SiloPorts(int Http, int Silo, int Gateway)
{
    public static SiloPorts Free() => new(FreePort(), FreePort(), FreePort());

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The silo of this very build, started as a child process: embedded mode unless a connection string
/// is given (PostgreSQL mode, schema applied beforehand), on free ports, with two keys of its own and any
/// further settings given as configuration keys (<c>Ledger:PolicyFolder</c> …) or environment variables.
/// <see cref="Kill"/> is kill -9, <see cref="StopAsync"/> a graceful SIGTERM; everything the process
/// printed stays in <see cref="Log"/>, each line with the time it arrived (<see cref="LinesBetween"/>).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string FeedKey = "client-e2e-feed";
    public const string OperatorKey = "client-e2e-operator";

    /// <summary>The PostgreSQL mode's personal-data key (32 bytes, base64): fixed, so restarts find their hashes.</summary>
    public const string PersonalDataKey = "dGVzdC1vbmx5LXBlcnNvbmFsLWRhdGEta2V5LTMyYnk=";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);
    private const int Sigterm = 15;
    private readonly Process _process;
    private readonly List<(DateTime At, string Line)> _lines = [];

    private SiloProcess(Process process, SiloPorts ports)
    {
        _process = process;
        Ports = ports;
        Url = new Uri($"http://127.0.0.1:{ports.Http}/");
    }

    public Uri Url { get; }

    public SiloPorts Ports { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>The exit code once the process has exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string Log
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.Select(entry => entry.Line));
            }
        }
    }

    /// <summary>The lines the process printed from <paramref name="from"/> (UTC) until <paramref name="until"/>.</summary>
    public IReadOnlyList<string> LinesBetween(DateTime from, DateTime until)
    {
        lock (_lines)
        {
            return _lines.Where(entry => entry.At >= from && entry.At < until).Select(entry => entry.Line).ToList();
        }
    }

    /// <summary>
    /// Starts the silo: embedded unless <paramref name="connection"/> is given (PostgreSQL mode), on
    /// fresh ports unless <paramref name="ports"/> repeats an earlier silo's (a restart at the same address),
    /// with <paramref name="settings"/> (configuration key → value, "Ledger:PolicyFolder" style) on top.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string? connection = null, SiloPorts? ports = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var silo = SiloAssembly();
        ports ??= SiloPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { silo, "--urls", $"http://127.0.0.1:{ports.Http}" },
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Ledger__SiloPort"] = ports.Silo.ToString(),
                ["Ledger__ApiKeys__0__Id"] = "test-feed",
                ["Ledger__ApiKeys__0__Key"] = FeedKey,
                ["Ledger__ApiKeys__0__Role"] = "feed",
                ["Ledger__ApiKeys__1__Id"] = "test-operator",
                ["Ledger__ApiKeys__1__Key"] = OperatorKey,
                ["Ledger__ApiKeys__1__Role"] = "operator",
                // The campaign and the load harness send as fast as they can; the limit has tests of its own.
                ["Ledger__RateLimit__RequestsPerSecond"] = "1000000",
                ["Ledger__PersonalData__CurrentKeyId"] = "test",
                ["Ledger__PersonalData__Keys__test"] = PersonalDataKey,
            },
        };
        // Embedded mode, whatever the machine running the tests has configured.
        start.Environment.Remove("ConnectionStrings__Ledger");
        if (connection is not null)
        {
            start.Environment["ConnectionStrings__Ledger"] = connection;
        }
        start.Environment.Remove("ASPNETCORE_URLS");
        // Configuration keys ("Ledger:PolicyFolder") or the environment's spelling of them ("Ledger__…").
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {silo}");
        var running = new SiloProcess(process, ports);
        process.OutputDataReceived += (_, line) => running.Append(line.Data);
        process.ErrorDataReceived += (_, line) => running.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await running.WaitHealthyAsync();
        return running;
    }

    /// <summary>
    /// The silo with exactly the arguments and environment given (nothing of this class's defaults, no
    /// connection string), for tests of how it starts or refuses to: the caller reads its output and exit.
    /// </summary>
    public static Process StartBare(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var silo = SiloAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(silo);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("Ledger__", StringComparison.Ordinal) || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {silo}");
    }

    /// <summary>
    /// <c>dotnet Ledger.Silo.dll probe KIND --url URL</c>, as a container health check runs it: exit 0 when
    /// the silo at <paramref name="url"/> answers 200 on /health/KIND.
    /// </summary>
    public static Task<(int Exit, string Output)> ProbeAsync(Uri url, string kind) =>
        RunProbeAsync([SiloAssembly(), "probe", kind, "--url", url.ToString()], start => { });

    /// <summary>
    /// <c>dotnet Ledger.Silo.dll probe KIND [--url URL]</c> in a container's way: with exactly the
    /// silo's <paramref name="environment"/> (as <see cref="StartBare"/> gives it), from which the probe
    /// finds where the silo listens, unless <paramref name="url"/> says.
    /// </summary>
    public static Task<(int Exit, string Output)> ProbeAsync(string kind, IReadOnlyDictionary<string, string> environment, Uri? url = null) =>
        RunProbeAsync(url is null ? [SiloAssembly(), "probe", kind] : [SiloAssembly(), "probe", kind, "--url", url.ToString()], start =>
        {
            foreach (var name in start.Environment.Keys.Where(IsSiloSetting).ToList())
            {
                start.Environment.Remove(name);
            }
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        });

    private static bool IsSiloSetting(string name) =>
        name.StartsWith("Ledger__", StringComparison.Ordinal) || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
        || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("Kestrel__", StringComparison.Ordinal);

    private static async Task<(int Exit, string Output)> RunProbeAsync(string[] arguments, Action<ProcessStartInfo> configure)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }
        configure(start);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the probe");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(StopDeadline);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>kill -9: no shutdown, no flush; whatever was in flight is cut off.</summary>
    public async Task Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the silo leaves the cluster and exits.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }
        Terminate();
        await WaitForExitAsync();
    }

    /// <summary>SIGTERM without waiting: the silo drains while the caller watches (then <see cref="WaitForExitAsync"/>).</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed");
        }
    }

    public async Task WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(StopDeadline);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"silo at {Url} did not exit within {StopDeadline.TotalSeconds} s of SIGTERM; its log:\n{Log}");
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the silo exited with code {_process.ExitCode} before /health/ready answered; its log:\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, not answering yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        throw new TimeoutException($"silo at {Url}: /health/ready did not answer 200 within {StartDeadline.TotalSeconds} s; its log:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Add((DateTime.UtcNow, line));
        }
    }

    /// <summary>
    /// silo/bin/{configuration}/net10.0/Ledger.Silo.dll, the configuration being this test's; or the
    /// published silo named by LEDGER_SILO_ASSEMBLY (the load harness measures the image's ReadyToRun
    /// build with it).
    /// </summary>
    /// <summary>The silo's Ledger.Silo.dll the tests start: its folder is the silo's content root.</summary>
    public static string SiloAssemblyPath => SiloAssembly();

    private static string SiloAssembly()
    {
        if (Environment.GetEnvironmentVariable("LEDGER_SILO_ASSEMBLY") is { Length: > 0 } published)
        {
            return File.Exists(published) ? published : throw new FileNotFoundException($"LEDGER_SILO_ASSEMBLY names no file: {published}");
        }
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var silo = Repository.Path("silo", "bin", configuration, framework, "Ledger.Silo.dll");
        return File.Exists(silo) ? silo : throw new FileNotFoundException($"the silo is not built: {silo} (the test project builds it; build the solution first)");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        await Kill();
        _process.Dispose();
    }
}

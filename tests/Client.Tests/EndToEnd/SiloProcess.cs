using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ledger.Client.Tests.EndToEnd;

/// <summary>
/// The silo of this very build, started as a child process in its embedded mode (no configuration:
/// memory storage and streams) on free ports, with two keys of its own. Stopped (this process only)
/// when the tests are done.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string FeedKey = "client-e2e-feed";
    public const string OperatorKey = "client-e2e-operator";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public (int Http, int Silo, int Gateway) Ports { get; private init; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the silo: embedded unless <paramref name="connection"/> is given (PostgreSQL mode), on
    /// fresh ports unless <paramref name="ports"/> repeats an earlier silo's (a restart at the same address).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string? connection = null, (int Http, int Silo, int Gateway)? ports = null)
    {
        var silo = SiloAssembly();
        var (http, siloPort, gateway) = ports ?? (FreePort(), FreePort(), FreePort());
        var url = new Uri($"http://127.0.0.1:{http}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { silo, "--urls", url.ToString().TrimEnd('/') },
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Ledger__SiloPort"] = siloPort.ToString(),
                ["Ledger__GatewayPort"] = gateway.ToString(),
                ["Ledger__ApiKeys__0__Key"] = FeedKey,
                ["Ledger__ApiKeys__0__Role"] = "feed",
                ["Ledger__ApiKeys__1__Key"] = OperatorKey,
                ["Ledger__ApiKeys__1__Role"] = "operator",
            },
        };
        // Embedded mode, whatever the machine running the tests has configured.
        start.Environment.Remove("ConnectionStrings__Ledger");
        if (connection is not null)
        {
            start.Environment["ConnectionStrings__Ledger"] = connection;
        }
        start.Environment.Remove("ASPNETCORE_URLS");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {silo}");
        var running = new SiloProcess(process, url) { Ports = (http, siloPort, gateway) };
        process.OutputDataReceived += (_, line) => running.Append(line.Data);
        process.ErrorDataReceived += (_, line) => running.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await running.WaitHealthyAsync();
        return running;
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the silo exited with code {_process.ExitCode} before /health answered; its log:\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync("health");
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
        throw new TimeoutException($"silo at {Url}: /health did not answer 200 within {StartDeadline.TotalSeconds} s; its log:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    /// <summary>silo/bin/{configuration}/net10.0/Ledger.Silo.dll, the configuration being this test's.</summary>
    private static string SiloAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.sln")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException($"no Orleans.sln above {AppContext.BaseDirectory}");
        }
        var silo = Path.Combine(root.FullName, "silo", "bin", configuration, framework, "Ledger.Silo.dll");
        return File.Exists(silo) ? silo : throw new FileNotFoundException($"the silo is not built: {silo} (the test project builds it; build the solution first)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ledger.Browser.Tests;

/// <summary>The silo of this build as a child process, embedded mode with its development keys, on free ports.</summary>
public sealed class SiloUnderTest : IAsyncLifetime
{
    private Process _process = null!;

    public Uri Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var silo = Repository.Path("silo", "bin", Configuration(), "net10.0", "Ledger.Silo.dll");
        Url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { silo, "--urls", Url.ToString().TrimEnd('/') },
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Ledger__SiloPort"] = FreePort().ToString() },
        };
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri(Url, "/health"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"The silo at {Url} did not answer /health within 90 s (exited: {_process.HasExited})");
            }
            await Task.Delay(200);
        }
    }

    public Task DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return Task.CompletedTask;
    }

    private static string Configuration() => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

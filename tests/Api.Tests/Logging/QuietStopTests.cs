using System.Net.Http.Json;

namespace Ledger.Api.Tests.Logging;

/// <summary>
/// A planned stop, seen as an operator sees it: an embedded silo process gets SIGTERM while settlements
/// are being sent to it, drains and exits 0, and its log has no warning or error, neither while it
/// starts nor while it stops (its households write their snapshots on the way out).
/// </summary>
public sealed class QuietStopTests
{
    private const int Households = 20;
    private const int SettledBeforeStop = 200;

    /// <summary>The embedded mode says so at start, on purpose: it keeps nothing.</summary>
    private const string EmbeddedModeBanner = "warn: Ledger.Silo.Hosting.StartupBanner[";

    [Fact]
    public async Task SIGTERM_with_settlements_in_flight_drains_and_logs_no_warning_or_error()
    {
        await using var silo = await SiloProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = silo.Url, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.FeedKey);
        var persons = new List<string>();
        for (var index = 0; index < Households * 2; index++)
        {
            var psnNo = Wire.Id("P");
            using var registered = await http.PutAsync($"api/persons/{psnNo}", LedgerApiFactory.Json(Wire.Person($"H-quiet-{index % Households}", Wire.PovertyAlleviated)));
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
            persons.Add(psnNo);
        }

        var settled = 0;
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
        {
            for (var index = sender; !stop.IsCancellationRequested; index += 4)
            {
                try
                {
                    using var answer = await http.PostAsync("api/settlements", LedgerApiFactory.Json(Wire.Settlement(Wire.Id("S"), persons[index % persons.Count], 1_000m, 800m)));
                    if (answer.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref settled);
                    }
                }
                catch (HttpRequestException)
                {
                    return; // the silo has closed its port
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        })).ToList();
        await Poll.Until(() => Task.FromResult(Volatile.Read(ref settled) >= SettledBeforeStop), $"{SettledBeforeStop} settlements acknowledged before SIGTERM", 60_000, 50);

        silo.Terminate();
        await silo.WaitForExitAsync();
        stop.Cancel();
        await Task.WhenAll(senders);

        Assert.Equal(0, silo.ExitCode);
        Assert.Contains("Drained in ", silo.Log, StringComparison.Ordinal);
        QuietLog.AssertNone(QuietLog.AlarmingWhileStopping(silo.Log), "while the silo drained");
        QuietLog.AssertNone(QuietLog.AlarmingWhileStarting(silo.Log).Where(entry => !entry.StartsWith(EmbeddedModeBanner, StringComparison.Ordinal)).ToList(), "while the silo started");
    }
}

namespace Ledger.Silo.Health;

/// <summary>
/// <c>dotnet Ledger.Silo.dll probe [live|ready] [--url URL]</c>: asks a running silo's health endpoint
/// and exits 0 when it answers 200, 1 otherwise. For container health checks: the runtime image has
/// no curl, and this needs nothing but the silo's own binaries. Without --url the address is where the
/// silo's configuration makes Kestrel listen (<see cref="ProbeTarget"/>): <c>Kestrel:Endpoints</c>,
/// else <c>ASPNETCORE_URLS</c>, else the silo's default.
/// </summary>
public static class HealthProbe
{
    public const string Command = "probe";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var kind = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal)) ?? "ready";
        if (kind is not ("live" or "ready"))
        {
            await Console.Error.WriteLineAsync($"probe: '{kind}' is not live or ready");
            return 2;
        }
        var urlIndex = Array.IndexOf(args, "--url");
        var configuration = SiloConfiguration();
        var target = urlIndex >= 0 && urlIndex + 1 < args.Length ? ProbeTarget.Given(args[urlIndex + 1], configuration) : ProbeTarget.From(configuration);
        var baseUrl = target.BaseUrl;
        ProbeCertificateCheck check;
        try
        {
            check = target.Check();
        }
        catch (Exception error) when (error is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The exception's type only: its message may quote the file, never worth risking a secret.
            Console.WriteLine($"{kind}: cannot read the certificate of Certificate:Path to check {baseUrl} ({error.GetType().Name})");
            return 1;
        }
        using var http = new HttpClient(target.Handler(check)) { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, $"health/{kind}"));
            Console.WriteLine($"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException) when (check.Refusal is { } refusal)
        {
            Console.WriteLine($"{kind}: refused {baseUrl}: {refusal}");
            return 1;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{kind}: no answer from {baseUrl} ({error.GetType().Name})");
            return 1;
        }
    }

    /// <summary>
    /// The configuration a silo started here would read (Program.cs builds it the same way), without
    /// the probe's own arguments: the probe finds the silo wherever Kestrel was told to listen.
    /// </summary>
    private static IConfiguration SiloConfiguration() =>
        WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory }).Configuration;
}

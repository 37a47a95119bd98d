namespace Ledger.Silo.Health;

/// <summary>
/// <c>dotnet Ledger.Silo.dll probe [live|ready] [--url URL]</c>: asks a running silo's health endpoint
/// and exits 0 when it answers 200, 1 otherwise. For container health checks: the runtime image has
/// no curl, and this needs nothing but the silo's own binaries. The address defaults to the first of
/// <c>ASPNETCORE_URLS</c> (a wildcard host becomes 127.0.0.1), else the silo's default.
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
        var baseUrl = urlIndex >= 0 && urlIndex + 1 < args.Length ? args[urlIndex + 1] : Local(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(baseUrl), $"health/{kind}"));
            Console.WriteLine($"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{kind}: no answer from {baseUrl} ({error.GetType().Name})");
            return 1;
        }
    }

    private static string Local(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(first))
        {
            return Hosting.LedgerSilo.DefaultUrl;
        }
        var uri = new UriBuilder(first.Replace("://+", "://wildcard", StringComparison.Ordinal).Replace("://*", "://wildcard", StringComparison.Ordinal));
        if (uri.Host is "wildcard" or "0.0.0.0" or "[::]")
        {
            uri.Host = "127.0.0.1";
        }
        return uri.Uri.ToString();
    }
}

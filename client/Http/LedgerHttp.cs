using System.Net.Http.Headers;
using System.Reflection;

namespace Ledger.Client.Http;

/// <summary>Builds the one <see cref="HttpClient"/> a command uses.</summary>
public static class LedgerHttp
{
    private static readonly string Version =
        typeof(LedgerHttp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>
    /// Requests get their own deadlines (a stream must stay open for hours), so the client's timeout
    /// is infinite. Connections are recycled every minute so that, behind a load balancer, a feed
    /// spreads over silos that joined after it started. With several base URLs, requests go round
    /// robin over them and around one that is down (<see cref="FailoverHandler"/>).
    /// </summary>
    public static HttpClient Create(ServerOptions server, int connectionsMax, HttpMessageHandler? handler = null)
    {
        handler ??= new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connectionsMax,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            // A redirect would carry X-Api-Key to whatever host it names: it is answered as an error instead.
            AllowAutoRedirect = false,
        };
        if (server.BaseUrls.Count > 1)
        {
            handler = new FailoverHandler(server.BaseUrls, TimeProvider.System) { InnerHandler = handler };
        }
        var client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = server.BaseUrl,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ledger-cli", Version));
        if (!string.IsNullOrEmpty(server.ApiKey))
        {
            client.DefaultRequestHeaders.Add(ServerOptions.KeyHeader, server.ApiKey);
        }
        return client;
    }

    /// <summary>Escapes one path segment (a psn_no, household id or region code from the user).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ledger.Api.Tests;

/// <summary>The real silo app (embedded mode, development keys) on free Orleans ports, one per collection.</summary>
public sealed class LedgerApiFactory : WebApplicationFactory<Program>
{
    public const string FeedKey = "dev-feed";
    public const string CaseworkerKey = "dev-caseworker-35";
    public const string OperatorKey = "dev-operator";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Ledger:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Ledger:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public HttpClient Client(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<LedgerApiFactory>
{
    public const string Name = "api";
}

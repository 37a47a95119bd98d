using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ledger.Api.Tests;

/// <summary>
/// The real silo app (embedded mode) on free Orleans ports, one per collection, with keys of its own
/// from configuration, as a deployment gives them (<c>Ledger:ApiKeys</c>): a feed, an operator,
/// caseworkers and feeds scoped to prefectures, keys with low limits for the limit tests, and keys
/// only the audit tests use, so that they can assert a key's every line.
/// </summary>
public class LedgerApiFactory : WebApplicationFactory<Program>
{
    public const string FeedKey = "test-feed-6f1e0b7d";
    public const string CaseworkerKey = "test-caseworker-35-2b9c";
    public const string OperatorKey = "test-operator-84d1a3";
    public const string IdentityFeed3501Key = "test-identity-feed-3501-c7";
    public const string SettlementFeed3501Key = "test-settlement-feed-3501-5e";
    public const string Caseworker3501Key = "test-caseworker-3501-9a";
    public const string Caseworker3502Key = "test-caseworker-3502-1d";
    public const string LimitedKey = "test-limited-operator-77";
    public const string StreamerKey = "test-streamer-35-0c";
    public const string AuditedCaseworkerKey = "test-audited-caseworker-35-4f";
    public const string AuditedLimitedKey = "test-audited-limited-operator-e2";

    /// <summary>Event streams one key may hold (Ledger:Streams:PerKeyMax here).</summary>
    public const int StreamsPerKeyMax = 3;

    private static readonly (string Id, string Key, string Role, string[] Regions, int? Rate)[] Keys =
    [
        ("test-feed", FeedKey, "feed", [], null),
        ("test-caseworker-35", CaseworkerKey, "caseworker", ["35"], null),
        ("test-operator", OperatorKey, "operator", [], null),
        ("identity-feed-3501", IdentityFeed3501Key, "identity-feed", ["3501"], null),
        ("settlement-feed-3501", SettlementFeed3501Key, "settlement-feed", ["3501"], null),
        ("caseworker-3501", Caseworker3501Key, "caseworker", ["3501"], null),
        ("caseworker-3502", Caseworker3502Key, "caseworker", ["3502"], null),
        ("limited", LimitedKey, "operator", [], 1),
        ("streamer", StreamerKey, "caseworker", ["35"], null),
        ("audited-caseworker-35", AuditedCaseworkerKey, "caseworker", ["35"], null),
        ("audited-limited", AuditedLimitedKey, "operator", [], 1),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Ledger:SiloPort", FreePort().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Ledger:RateLimit:RequestsPerSecond", "100000");
        // Every unknown-key refusal of these tests is in the trail; RefusalAuditTests checks the bound itself.
        builder.UseSetting("Ledger:Audit:UnknownKeyLinesPerSecond", "100000");
        builder.UseSetting("Ledger:Audit:RateLimitedLinesPerSecond", "100000");
        builder.UseSetting("Ledger:Streams:PerKeyMax", StreamsPerKeyMax.ToString(CultureInfo.InvariantCulture));
        for (var index = 0; index < Keys.Length; index++)
        {
            var (id, key, role, regions, rate) = Keys[index];
            var entry = $"Ledger:ApiKeys:{index}";
            builder.UseSetting($"{entry}:Id", id);
            builder.UseSetting($"{entry}:Key", key);
            builder.UseSetting($"{entry}:Role", role);
            for (var region = 0; region < regions.Length; region++)
            {
                builder.UseSetting($"{entry}:Regions:{region}", regions[region]);
            }
            if (rate is { } perSecond)
            {
                builder.UseSetting($"{entry}:RequestsPerSecond", perSecond.ToString(CultureInfo.InvariantCulture));
            }
        }
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

    public static StringContent Ndjson(params string[] lines) => new(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson");

    public static int FreePort()
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

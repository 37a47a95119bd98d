using Ledger.Silo.Security;
using Microsoft.Extensions.Configuration;

namespace Ledger.Api.Tests;

/// <summary>The key configuration: hashed, fixed-time lookups; refused at start naming the entry, never the key.</summary>
public sealed class ApiKeysTests
{
    private const string Secret = "s3cr3t-value-that-must-never-print";

    [Fact]
    public void Development_keys_serve_only_after_the_loopback_check_and_only_when_none_are_configured()
    {
        var keys = ApiKeyConfiguration.Load(Configuration(), durable: false);

        Assert.True(keys.IsDevelopment);
        Assert.Null(keys.Find("dev-feed"));
        keys.EnableDevelopmentKeys();
        Assert.Equal("feed", keys.Find("dev-feed")!.Role);
        Assert.Equal(["35"], keys.Find("dev-caseworker-35")!.Regions);
        Assert.Null(keys.Find("anything-else"));
    }

    [Fact]
    public void PostgreSQL_mode_refuses_to_start_with_development_or_no_keys()
    {
        Assert.Throws<Ledger.Silo.Hosting.StartupRefusedException>(() => ApiKeyConfiguration.Load(Configuration(), durable: true));
        var development = Assert.Throws<Ledger.Silo.Hosting.StartupRefusedException>(() => ApiKeyConfiguration.Load(Configuration(("0:Key", "dev-feed"), ("0:Role", "feed")), durable: true));
        Assert.Contains("Ledger:ApiKeys:0: a development key is refused", development.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_kept_as_hashes_found_by_key_and_configurable_by_hash_alone()
    {
        var hash = Convert.ToHexString(ApiKeyTable.Hash("k-2-hashed-only"));
        var keys = ApiKeyConfiguration.Load(Configuration(
            ("0:Key", Secret), ("0:Role", "caseworker"), ("0:Regions:0", "3307"),
            ("1:KeyHash", hash), ("1:Role", "feed"), ("1:Id", "hospital-7")), durable: true);

        Assert.Equal(("key-0", "caseworker"), (keys.Find(Secret)!.Id, keys.Find(Secret)!.Role));
        Assert.Equal(["3307"], keys.Find(Secret)!.Regions);
        Assert.Equal("hospital-7", keys.Find("k-2-hashed-only")!.Id);
        Assert.Null(keys.Find(hash));
        Assert.All(keys.Keys, key => Assert.Equal(32, key.Hash.Length));
    }

    [Theory]
    [InlineData("", "Ledger:ApiKeys:1: Regions:0 must be a region prefix of 2, 4 or 6 digits")]
    [InlineData("3", "Ledger:ApiKeys:1: Regions:0 must be a region prefix of 2, 4 or 6 digits")]
    [InlineData("35a1", "Ledger:ApiKeys:1: Regions:0 must be a region prefix of 2, 4 or 6 digits")]
    public void An_empty_or_malformed_prefix_is_refused_naming_the_entry_without_the_key(string prefix, string expected)
    {
        var refused = Assert.Throws<Ledger.Silo.Hosting.StartupRefusedException>(() => ApiKeyConfiguration.Load(Configuration(
            ("0:Key", "operator-key-0123456789"), ("0:Role", "operator"),
            ("1:Key", Secret), ("1:Role", "caseworker"), ("1:Regions:0", prefix)), durable: false));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_a_caseworker_without_regions_and_an_unknown_role_are_refused_without_the_key()
    {
        var refused = Assert.Throws<Ledger.Silo.Hosting.StartupRefusedException>(() => ApiKeyConfiguration.Load(Configuration(
            ("0:Key", Secret), ("0:Role", "feed"),
            ("1:Key", Secret), ("1:Role", "operator"),
            ("2:Key", "another-key-4711-abcdef"), ("2:Role", "caseworker"),
            ("3:Key", "a-third-key-0815-abcdef"), ("3:Role", "admin")), durable: false));

        Assert.Contains("Ledger:ApiKeys:1: the same key as Ledger:ApiKeys:0", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Ledger:ApiKeys:2: a caseworker needs at least one region prefix", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Ledger:ApiKeys:3: Role must be one of", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_is_both_feed_roles_and_scoped_feeds_keep_their_prefixes()
    {
        Assert.Equal(["settlement-feed", "identity-feed"], Roles.Granted("feed"));
        var keys = ApiKeyConfiguration.Load(Configuration(("0:Key", Secret), ("0:Role", "identity-feed"), ("0:Regions:0", "3501")), durable: true);
        var caller = Caller.Of(Caller.Principal(keys.Find(Secret)!, "test"))!;

        Assert.True(caller.Covers("350102") && caller.Covers("3501") && !caller.Covers("350202") && !caller.Covers("35"));
    }

    [Fact]
    public void The_silo_keeps_a_PostgreSQL_connection_that_requires_a_verified_server_certificate()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(Ledger.Silo.Storage.PostgresConnections.Tuned(
            "Host=db.example;Username=ledger_app;Password=x;Database=ledger;SSL Mode=VerifyFull;Root Certificate=/etc/ledger/pg-ca.pem"));

        Assert.Equal((Npgsql.SslMode.VerifyFull, "/etc/ledger/pg-ca.pem"), (tuned.SslMode, tuned.RootCertificate));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) => new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>($"Ledger:ApiKeys:{setting.Key}", setting.Value)))
        .Build();
}

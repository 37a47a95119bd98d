using Ledger.Silo.Security;

namespace Ledger.Api.Tests;

public sealed class ApiKeysTests
{
    [Fact]
    public void Development_keys_serve_the_embedded_mode_when_none_are_configured()
    {
        var keys = new ApiKeys([], durable: false);

        Assert.Equal(Roles.Feed, keys.Find("dev-feed")!.Role);
        Assert.Equal(["35"], keys.Find("dev-caseworker-35")!.Regions);
        Assert.Null(keys.Find("anything-else"));
    }

    [Fact]
    public void PostgreSQL_mode_refuses_to_start_with_development_or_no_keys()
    {
        Assert.Throws<InvalidOperationException>(() => new ApiKeys([], durable: true));
        Assert.Throws<InvalidOperationException>(() => new ApiKeys([new ApiKeyEntry { Key = "dev-feed", Role = Roles.Feed }], durable: true));
        var real = new ApiKeys([new ApiKeyEntry { Key = "k-1", Role = Roles.Caseworker, Regions = ["3307"] }], durable: true);
        Assert.True(real.Find("k-1")!.MayRead("330702"));
        Assert.False(real.Find("k-1")!.MayRead("350102"));
        Assert.Null(real.Find("dev-feed"));
    }

    [Fact]
    public void Unknown_role_is_refused_at_start()
    {
        Assert.Throws<InvalidOperationException>(() => new ApiKeys([new ApiKeyEntry { Key = "k", Role = "admin" }], durable: false));
    }
}

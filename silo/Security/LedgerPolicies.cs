using Microsoft.AspNetCore.Authentication;

namespace Ledger.Silo.Security;

/// <summary>The authorization policies the route groups require, one per kind of caller.</summary>
public static class LedgerPolicies
{
    public const string SettlementWriter = "settlement-writer";
    public const string IdentityWriter = "identity-writer";
    public const string Reader = "reader";
    public const string Operator = "operator";

    public static IServiceCollection AddLedgerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => ApiKeyConfiguration.Load(configuration, provider.GetRequiredService<Hosting.RuntimeMode>().Durable));
        services.AddHostedService<DevelopmentKeyGuard>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(SettlementWriter, policy => policy.RequireRole(Roles.SettlementFeed))
            .AddPolicy(IdentityWriter, policy => policy.RequireRole(Roles.IdentityFeed))
            .AddPolicy(Reader, policy => policy.RequireRole(Roles.Caseworker, Roles.Operator))
            .AddPolicy(Operator, policy => policy.RequireRole(Roles.Operator));
        return services;
    }
}

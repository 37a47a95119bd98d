using Ledger.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ledger.Silo.Apis;
using Ledger.Silo.Health;
using Ledger.Silo.Http;
using Ledger.Silo.Routing;
using Ledger.Silo.Security;
using Ledger.Silo.Security.Audit;
using Ledger.Silo.Security.Directory;
using Ledger.Silo.Security.Limits;
using Orleans.Dashboard;

namespace Ledger.Silo.Hosting;

/// <summary>
/// The HTTP surface of the silo: wiring here, endpoints in one <c>*Api.cs</c> file per resource. Who
/// may call what is declared on the route groups (an authorization policy per kind of caller, a scope
/// filter for region-scoped keys), not checked inside the endpoints.
/// </summary>
public static class LedgerApi
{
    public static WebApplicationBuilder AddLedgerApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => LedgerJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Unavailability>();
        builder.Services.AddExceptionHandler<BadRequests>();
        // Binding failures become exceptions so BadRequests can name the parameter.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        // Development keys wait for the check that every bound address is loopback: not ready before it.
        builder.Services.AddReadinessCheck<ApiKeysHealthCheck>("api-keys");
        builder.Services.AddSingleton<SettlementRouter>();
        builder.Services.AddSingleton<Streaming.EventTail>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Streaming.EventTail>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddLedgerAuthentication(builder.Configuration);
        builder.Services.AddLedgerRateLimits(builder.Configuration);
        builder.Services.Configure<StreamOptions>(builder.Configuration.GetSection(StreamOptions.Section));
        builder.Services.AddSingleton<StreamSlots>();
        builder.Services.AddSingleton<IRegionDirectory, JournalRegionDirectory>();
        builder.Services.TryAddSingleton<IAuditTrail, InMemoryAuditTrail>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions());
        builder.Services.AddSingleton<RefusalAudit>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResults>();
        return builder;
    }

    public static WebApplication MapLedger(this WebApplication app)
    {
        // Resolve the keys now: a refused key configuration must stop the silo before it serves anything.
        app.Services.GetRequiredService<ApiKeyTable>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(KeyFreeRedirects.Strip);
        // The caseworker page (wwwroot): static, open; everything it shows comes from /api with a key.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(QueryValuesOnce.Check);
        app.MapOpenApi().RequireAuthorization(LedgerPolicies.Operator).WithMetadata(new KeyInBasicAllowed());
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(LedgerPolicies.Operator).WithMetadata(new KeyInBasicAllowed());

        var directory = app.Services.GetRequiredService<IRegionDirectory>();
        // Any /api request may be refused as a problem naming the field (a query ASP.NET cannot bind, BadRequests),
        // without a known key (401), by its key's role (403), by the rate limiter (429), or answer 503 when
        // storage, a silo or the audit trail it must be written to is unavailable (Unavailability): declared
        // here once for OpenAPI; what an endpoint refuses besides is declared on its route.
        var api = app.MapGroup("/api").RequireRateLimiting(RequestRateLimits.Policy).AddEndpointFilter<AuditFilter>()
            .WithMetadata(QueryValuesOnce.Instance)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGroup("").RequireAuthorization(LedgerPolicies.IdentityWriter)
            .AddEndpointFilter(new WriteScopeFilter(directory, PersonsApi.BodyBytesMax, SettlementsApi.BatchBodyBytesMax, registrations: true))
            .MapPersonWrites();
        api.MapGroup("").RequireAuthorization(LedgerPolicies.SettlementWriter)
            .AddEndpointFilter(new WriteScopeFilter(directory, SettlementsApi.SingleBodyBytesMax, SettlementsApi.BatchBodyBytesMax))
            .MapSettlementsApi();
        api.MapGroup("").RequireAuthorization(LedgerPolicies.Reader)
            .AddEndpointFilter<ReadScopeFilter>()
            .MapPersonReads()
            .MapHouseholdsApi()
            .MapRegionsApi()
            .MapEventsApi();
        api.MapGroup("").RequireAuthorization(LedgerPolicies.Operator)
            .MapAuditApi()
            .MapJournalApi()
            .MapPoliciesApi();
        return app;
    }
}

using Ledger.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ledger.Silo.Hosting;
using Ledger.Silo.Security;
using Orleans.Dashboard;

namespace Ledger.Silo.Apis;

/// <summary>The HTTP surface of the silo: wiring here, endpoints in one <c>*Api.cs</c> file per resource.</summary>
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
        builder.Services.AddSingleton<SettlementRouter>();
        builder.Services.AddSingleton<Streaming.EventTail>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Streaming.EventTail>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(provider => new ApiKeys(
            builder.Configuration.GetSection("Ledger:ApiKeys").Get<List<ApiKeyEntry>>() ?? [],
            provider.GetRequiredService<RuntimeMode>().Durable));
        return builder;
    }

    public static WebApplication MapLedger(this WebApplication app)
    {
        // Resolve the keys now: a PostgreSQL silo with development keys must not start at all.
        app.Services.GetRequiredService<ApiKeys>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        // The caseworker page (wwwroot): static, open; everything it shows comes from /api with a key.
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.MapGroup("/api")
            .MapPersonsApi()
            .MapSettlementsApi()
            .MapHouseholdsApi()
            .MapRegionsApi()
            .MapEventsApi()
            .MapPoliciesApi();
        return app;
    }
}

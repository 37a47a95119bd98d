using Ledger.Contracts;
using Orleans.Dashboard;

namespace Ledger.Silo.Apis;

/// <summary>The HTTP surface of the silo: wiring here, endpoints in one <c>*Api.cs</c> file per resource.</summary>
public static class LedgerApi
{
    public static WebApplicationBuilder AddLedgerApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => LedgerJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
        return builder;
    }

    public static WebApplication MapLedger(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health");
        app.MapOpenApi();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        return app;
    }
}

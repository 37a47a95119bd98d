using Ledger.Grains;
using OpenTelemetry.Metrics;

namespace Ledger.Silo.Hosting;

/// <summary>
/// Metrics for operators: the ledger's meter (settlements, events, threshold crossings), Orleans' own,
/// ASP.NET Core's and the .NET runtime's (GC heap, CPU, thread pool), exposed in Prometheus text format at <c>/metrics</c> for any OpenTelemetry or
/// Prometheus collector.
/// </summary>
public static class LedgerTelemetry
{
    public static WebApplicationBuilder AddLedgerTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LedgerMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication MapLedgerTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}

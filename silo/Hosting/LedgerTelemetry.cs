using System.Diagnostics.Metrics;
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
    /// <summary>
    /// Tag combinations kept per metric: above the few dozen any metric here has, far below the SDK's
    /// default (2 000), whose storage is preallocated for every metric stream (figures: bench/README.md).
    /// </summary>
    public const int CardinalityLimit = 200;

    public static WebApplicationBuilder AddLedgerTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LedgerMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) => metrics.AddView(OwnStreams(services.GetRequiredService<IMeterFactory>())));
        return builder;
    }

    /// <summary>
    /// This host's instruments (and the process-wide ones: the runtime's, Orleans'), capped; those of the
    /// same meters made by another host in the process are dropped. A meter listener sees every meter of
    /// a name, and a stream taken from another host (test hosts side by side) ends when that host stops,
    /// taking this host's same-named instrument out of the scrape with it.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnStreams(IMeterFactory own) => instrument =>
        instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
            ? new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit }
            : MetricStreamConfiguration.Drop;

    public static WebApplication MapLedgerTelemetry(this WebApplication app)
    {
        // Operators only: a scraper sends the key as X-Api-Key or as the password of HTTP Basic.
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Security.LedgerPolicies.Operator).WithMetadata(new Security.KeyInBasicAllowed());
        return app;
    }
}

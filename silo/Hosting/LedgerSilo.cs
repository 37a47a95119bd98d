using Ledger.Contracts.Events;
using Ledger.Grains.Hosting;
using Ledger.Silo.Projections;
using Ledger.Silo.Storage;
using Ledger.Silo.Routing;
using Ledger.Silo.Security;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Ledger.Silo.Hosting;

/// <summary>
/// The two runtime modes, as two branches of one configuration: embedded (nothing configured:
/// localhost clustering, the journal, snapshots and streams in memory) and PostgreSQL
/// (<c>ConnectionStrings:Ledger</c> set: the journal as tables, ADO.NET clustering, snapshots and reminders).
/// </summary>
public static class LedgerSilo
{
    /// <summary>Where the HTTP API listens when neither --urls nor ASPNETCORE_URLS says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Grain locations cached per silo: enough for the active households of a prefecture.</summary>
    public const int DirectoryCacheSize = 200_000;

    public static WebApplicationBuilder AddLedgerSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LedgerOptions.Section).Get<LedgerOptions>() ?? new LedgerOptions();
        var connection = builder.Configuration.GetConnectionString("Ledger");
        var durable = !string.IsNullOrWhiteSpace(connection);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        if (durable)
        {
            connection = PostgresConnections.Tuned(connection!);
            builder.Services.AddLedgerPostgresAudit(connection);
        }
        builder.Services.AddSingleton(new RuntimeMode(durable));
        builder.Services.AddLedgerProjections(builder.Configuration, durable ? connection : null);
        builder.Services.AddPersonalDataProtection(builder.Configuration, durable);
        builder.Services.AddHostedService<StartupBanner>();
        builder.UseOrleans(silo =>
        {
            // Port 0: no gateway listener at all.
            var gatewayPort = options.GatewayPort ?? 0;
            if (durable)
            {
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                silo.ConfigureEndpoints(options.SiloPort, gatewayPort);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, gatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            }
            silo.AddLedgerGrains(durable ? connection : null, options);
            if (options.SiloTls.Enabled)
            {
                silo.UseLedgerTls(options.SiloTls);
            }
            silo.UseLedgerMembership(builder.Configuration);
            // Where grains live, cached for the hot ones: households. The default million entries (about
            // 300 bytes each) filled with every person ever registered, though persons are let go at once.
            silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = DirectoryCacheSize);
            silo.AddDashboard();
        });
        builder.AddLedgerApi();
        builder.AddLedgerTelemetry();
        return builder;
    }
}

using Ledger.Contracts.Events;
using Ledger.Grains.Hosting;
using Ledger.Silo.Storage;
using Ledger.Silo.Apis;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Ledger.Silo.Hosting;

/// <summary>
/// The two runtime modes, as two branches of one configuration: embedded (nothing configured:
/// localhost clustering, memory storage and streams) and PostgreSQL (<c>ConnectionStrings:Ledger</c>
/// set: ADO.NET clustering, persistence and reminders, the event log as a table).
/// </summary>
public static class LedgerSilo
{
    public const string StorageName = "ledger";

    /// <summary>Where the HTTP API listens when neither --urls nor ASPNETCORE_URLS says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Grain locations cached per silo: enough for the active households of a prefecture.</summary>
    public const int DirectoryCacheSize = 200_000;

    public static WebApplicationBuilder AddLedgerSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LedgerOptions.Section).Get<LedgerOptions>() ?? new LedgerOptions();
        var connection = builder.Configuration.GetConnectionString("Ledger");
        var durable = !string.IsNullOrWhiteSpace(connection);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        if (durable)
        {
            connection = PostgresConnections.Tuned(connection!);
            PostgresSchema.ApplyAsync(connection).GetAwaiter().GetResult();
            builder.Services.AddLedgerPostgresEventLog(connection);
        }
        // A storage failure on one silo reaches the API on another as what it is (NpgsqlException), so it
        // answers 503; without this the exception cannot cross silos and arrives as a codec error (500).
        builder.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(exceptions => exceptions.SupportedNamespacePrefixes.Add("Npgsql"));
        builder.Services.AddLedgerGrainServices(options.PolicyFolder ?? LedgerGrainServices.DefaultPolicyFolder);
        builder.Services.AddSingleton(new RuntimeMode(durable));
        builder.Services.AddHostedService<StartupBanner>();
        builder.UseOrleans(silo =>
        {
            if (durable)
            {
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = LedgerPostgres.ClusterId;
                    cluster.ServiceId = LedgerPostgres.ServiceId;
                });
                silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort);
                silo.UseLedgerPostgres(connection!);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
                silo.AddLedgerMemoryStorage(StorageName);
                silo.AddMemoryGrainStorage("PubSubStore");
                silo.UseInMemoryReminderService();
            }
            silo.UseLedgerMembership(builder.Configuration);
            // Where grains live, cached for the hot ones: households. The default million entries (about
            // 300 bytes each) filled with every person ever registered, though persons are let go at once.
            silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = DirectoryCacheSize);
            silo.AddMemoryStreams(EventStreams.ProviderName, streams => streams.ConfigurePullingAgent(agent =>
                agent.Configure(pulling => pulling.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(options.StreamPollMilliseconds))));
            silo.AddDashboard();
        });
        builder.AddLedgerApi();
        builder.AddLedgerTelemetry();
        return builder;
    }
}

/// <summary>Which mode the silo runs in, for the banner and for refusing development keys.</summary>
public sealed record RuntimeMode(bool Durable);

using System.Diagnostics;

namespace Ledger.Silo.Hosting;

/// <summary>Configuration section <c>Ledger:Drain</c>.</summary>
public sealed class DrainOptions
{
    public const string Section = "Ledger:Drain";

    /// <summary>
    /// Seconds a stopping silo keeps serving while already answering 503 on <c>/health/ready</c>, so a
    /// load balancer that polls readiness sees it go before its port closes. 0 (the default) suits
    /// clients that fail over on a refused connection, as the <c>ledger</c> CLI does; behind a balancer
    /// set it to the balancer's readiness interval plus a little.
    /// </summary>
    public int UnreadySeconds { get; set; }
}

/// <summary>
/// What SIGTERM does, in order: readiness turns 503 at once (<see cref="Health.AcceptingCheck"/>); the
/// silo keeps serving for <see cref="DrainOptions.UnreadySeconds"/>; then the web server stops taking
/// connections and finishes the requests in flight (the host stops it first, having started it last);
/// then the Orleans silo leaves the cluster gracefully — it announces that it is shutting down,
/// deactivates its grains (their state is already durable, so the next call activates each on another
/// silo) and marks itself dead in the membership table — and the process exits with code 0. All within
/// the host's <see cref="HostOptions.ShutdownTimeout"/>. Logs each step.
/// </summary>
public sealed partial class Drain : IHostedLifecycleService
{
    private readonly Stopwatch _stopping = new();
    private readonly IConfiguration _configuration;
    private readonly ILogger<Drain> _logger;

    public Drain(IConfiguration configuration, ILogger<Drain> logger, IHostApplicationLifetime lifetime, Logging.HostPhase? phase = null)
    {
        _configuration = configuration;
        _logger = logger;
        // Hosted services are built before any of them starts: the log knows the phase from the first entry on.
        phase?.Attach(lifetime);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping.Start();
        var unready = _configuration.GetSection(DrainOptions.Section).Get<DrainOptions>()?.UnreadySeconds ?? 0;
        LogDraining(_logger, unready);
        if (unready > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(unready), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        LogStopping(_logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        LogDrained(_logger, _stopping.ElapsedMilliseconds);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: /health/ready answers 503; serving what still arrives for {UnreadySeconds} s")]
    private static partial void LogDraining(ILogger logger, int unreadySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: the web server finishes the requests in flight, then the silo hands its grains over and leaves the cluster")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained in {Milliseconds} ms: requests finished, grains deactivated, silo left the cluster")]
    private static partial void LogDrained(ILogger logger, long milliseconds);
}

public static class DrainRegistration
{
    public static WebApplicationBuilder AddLedgerDrain(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<Drain>();
        return builder;
    }
}

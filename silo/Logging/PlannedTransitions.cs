namespace Ledger.Silo.Logging;

/// <summary>
/// What Orleans and ASP.NET write as warnings and errors while a silo starts or stops as planned: written
/// as information instead when an operator may want to read it, dropped when it says only that
/// something was cancelled because the silo stops (its stack trace is the noise the log is kept free
/// of). So a rolling restart or a normal start logs no warning or error, and a real failure stands
/// out. Each rule names the state it is expected in:
/// <list type="bullet">
/// <item>Stream queue reads cancelled (<c>MemoryAdapterReceiver</c>, <c>Orleans.Streams.*</c>): a pulling
/// agent stops reading a queue that moves to another silo, whenever a silo joins or leaves.</item>
/// <item>While stopping, any operation cancelled (<see cref="OperationCanceledException"/>) because the silo stops.</item>
/// <item>While starting or stopping, a readiness check that is unhealthy: the silo is not an active
/// member yet, the development keys wait for the loopback check, or it is draining. <c>/health/ready</c>
/// answers it; <c>ledger_health_ready</c> counts it.</item>
/// <item>While starting or stopping, the time a lifecycle stage took (deactivating the grains of a busy
/// silo takes seconds) and, while starting, a long first turn (code compiled on first use).</item>
/// <item>While stopping, a stream item that arrives after this silo's subscriber left: the journal has it.</item>
/// <item>While stopping, a message this silo can no longer address (<c>Orleans.Messaging</c> 100071): its
/// grains and its part of the directory are leaving; the sender gets the rejection and the API retries
/// (<c>TransientRetry</c>), which <c>RollingRestartTests</c> proves loses nothing.</item>
/// </list>
/// What is written as information keeps its exception's types and messages, on one line, without the stack trace.
/// </summary>
public static class PlannedTransitions
{
    /// <summary>Said of a demoted entry's exception instead of its stack trace.</summary>
    public const string Expected = "expected while the silo starts or stops";

    public const string HealthChecks = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";
    public const int HealthCheckEnd = 103;
    public const string StreamConsumers = "Orleans.Streams.StreamConsumerExtension";
    public const int ItemWithoutSubscriber = 103407;
    public const string Messaging = "Orleans.Messaging";
    public const int AddressingFailed = 100071;
    public const string WorkItemGroup = "Orleans.Runtime.Scheduler.WorkItemGroup";
    public const int LongTurn = 101215;

    /// <summary>
    /// The level to write the entry at instead of its own, <see cref="LogLevel.None"/> to drop it; null:
    /// as it is. (The console logger under the summariser does not filter by level, so a lower level
    /// than information would be written whatever the configuration says: these are dropped.)
    /// </summary>
    public static LogLevel? Demoted(HostPhase? phase, string category, EventId eventId, string? template, Exception? exception)
    {
        var cancelled = exception is not null && IsCancellation(exception);
        if (cancelled && (category.StartsWith("Orleans.Providers.MemoryAdapterReceiver", StringComparison.Ordinal)
            || category.StartsWith("Orleans.Streams.", StringComparison.Ordinal)))
        {
            return LogLevel.None;
        }
        if (phase is null)
        {
            return null;
        }
        var (starting, stopping) = (phase.Starting, phase.Stopping);
        if (stopping && cancelled)
        {
            return LogLevel.None;
        }
        if ((starting || stopping) && category == HealthChecks && eventId.Id == HealthCheckEnd)
        {
            return LogLevel.Information;
        }
        if ((starting || stopping) && template is not null
            && (template.StartsWith("'{Name}' stopped in stage", StringComparison.Ordinal) || template.StartsWith("'{Name}' started in stage", StringComparison.Ordinal)))
        {
            return LogLevel.Information;
        }
        if (starting && category == WorkItemGroup && eventId.Id == LongTurn)
        {
            return LogLevel.Information;
        }
        if (stopping && category == Messaging && eventId.Id == AddressingFailed)
        {
            return LogLevel.Information;
        }
        if (stopping && category == StreamConsumers && eventId.Id == ItemWithoutSubscriber)
        {
            return LogLevel.None;
        }
        return null;
    }

    /// <summary>A cancellation, or one wrapped (an aggregate of cancellations only, or an exception caused by one).</summary>
    private static bool IsCancellation(Exception exception) => exception switch
    {
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsCancellation),
        _ => exception.InnerException is { } inner && IsCancellation(inner),
    };
}

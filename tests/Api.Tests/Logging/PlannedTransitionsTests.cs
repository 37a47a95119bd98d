using Ledger.Silo.Logging;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Api.Tests.Logging;

/// <summary>What a planned start or stop writes below warning level, and what still stands out.</summary>
public sealed partial class PlannedTransitionsTests : IDisposable
{
    private const string StreamReceiver = "Orleans.Providers.MemoryAdapterReceiver`1[[Orleans.Providers.DefaultMemoryMessageBodySerializer]].ledger.ledger-2";
    private readonly RecordingLoggerProvider _console = new();
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    private readonly SummarisingLoggerProvider _provider;

    public PlannedTransitionsTests()
    {
        var phase = new HostPhase();
        phase.Attach(_lifetime);
        _provider = new SummarisingLoggerProvider(_console, new FakeTimeProvider(), TimeSpan.FromSeconds(10), phase);
    }

    [Fact]
    public void While_starting_an_unready_check_and_a_slow_stage_are_information()
    {
        LogHealthCheck(_provider.CreateLogger(PlannedTransitions.HealthChecks), "cluster", "this silo is Created, not active in the cluster");
        LogStageStopped(_provider.CreateLogger("Orleans.Runtime.SiloLifecycleSubject"), "Orleans.Runtime.Silo", "RuntimeInitialize", TimeSpan.FromSeconds(2));

        Assert.Equal([LogLevel.Information, LogLevel.Information], _console.Entries.Select(entry => entry.Level));
        Assert.Equal("Health check cluster with status Unhealthy: 'this silo is Created, not active in the cluster'", _console.Entries[0].Message);
    }

    [Fact]
    public void Once_running_an_unready_check_is_an_error_again()
    {
        _lifetime.NotifyStarted();

        LogHealthCheck(_provider.CreateLogger(PlannedTransitions.HealthChecks), "storage", "PostgreSQL does not answer");

        Assert.Equal(LogLevel.Error, Assert.Single(_console.Entries).Level);
    }

    [Fact]
    public void A_cancelled_stream_read_is_dropped_whenever_it_comes_and_another_error_is_not()
    {
        _lifetime.NotifyStarted();
        var receiver = _provider.CreateLogger(StreamReceiver);

        LogQueueRead(receiver, new OperationCanceledException());
        LogQueueRead(receiver, new InvalidOperationException("the queue is broken"));

        Assert.StartsWith("System.InvalidOperationException: the queue is broken", Assert.Single(_console.Entries).Exception, StringComparison.Ordinal);
    }

    [Fact]
    public void While_stopping_what_was_cancelled_is_dropped_and_a_real_error_is_written()
    {
        _lifetime.NotifyStarted();
        _lifetime.StopApplication();
        var grains = _provider.CreateLogger("Orleans.Grain");

        LogGrainError(grains, new OrleansException("deactivation", new TaskCanceledException()));
        LogItemWithoutSubscriber(_provider.CreateLogger(PlannedTransitions.StreamConsumers));
        LogHealthCheck(_provider.CreateLogger(PlannedTransitions.HealthChecks), "accepting", "draining: the silo is stopping");
        LogAddressFailure(_provider.CreateLogger(PlannedTransitions.Messaging), new SiloUnavailableException("the silo is stopping"),
            "Request [S10.0.0.1:11111:1 sys.client/hosted-10.0.0.1:11111@1]->[S10.0.0.2:11111:1 household/H-1] RecordFor() #1");
        LogGrainError(grains, new OrleansException("storage", new TimeoutException("no answer")));

        Assert.Equal([(LogLevel.Information, PlannedTransitions.HealthChecks), (LogLevel.Information, PlannedTransitions.Messaging), (LogLevel.Error, "Orleans.Grain")],
            _console.Entries.Select(entry => (entry.Level, entry.Category)));
        // Redacted as any transport entry, and its exception on one line, without the stack trace.
        Assert.DoesNotContain("H-1", _console.Entries[1].Message, StringComparison.Ordinal);
        Assert.Equal($"Orleans.Runtime.SiloUnavailableException: the silo is stopping ({PlannedTransitions.Expected})", _console.Entries[1].Exception);
    }

    /// <summary>
    /// Check policy-year degraded for weeks every year (until the year's figures are out) has its own
    /// report (health, gauge, alert): not a warning on every run. Another check degraded still is one.
    /// </summary>
    [Fact]
    public void Once_running_policy_year_degraded_is_not_written_and_another_degraded_check_is()
    {
        _lifetime.NotifyStarted();
        var checks = _provider.CreateLogger(PlannedTransitions.HealthChecks);

        LogDegraded(checks, "policy-year", "settlements of 2026 are refused (422) where a policy lacks the year's figures: …");
        LogDegraded(checks, "projections", "at position 0, 61 s behind the journal (bound 60 s); settlements are taken, reports and KPIs trail");

        Assert.Equal((LogLevel.Warning, "Health check projections with status Degraded: 'at position 0, 61 s behind the journal (bound 60 s); settlements are taken, reports and KPIs trail'"),
            (Assert.Single(_console.Entries).Level, _console.Entries[0].Message));
    }

    public void Dispose() => _provider.Dispose();

    [LoggerMessage(EventId = PlannedTransitions.HealthCheckEnd, Level = LogLevel.Warning, Message = "Health check {HealthCheckName} with status Degraded: '{HealthCheckDescription}'")]
    private static partial void LogDegraded(ILogger logger, string healthCheckName, string healthCheckDescription);

    [LoggerMessage(EventId = PlannedTransitions.HealthCheckEnd, Level = LogLevel.Error, Message = "Health check {HealthCheckName} with status Unhealthy: '{HealthCheckDescription}'")]
    private static partial void LogHealthCheck(ILogger logger, string healthCheckName, string healthCheckDescription);

    [LoggerMessage(EventId = 100452, Level = LogLevel.Warning, Message = "'{Name}' stopped in stage '{Stage}' in '{Elapsed}'.")]
    private static partial void LogStageStopped(ILogger logger, string name, string stage, TimeSpan elapsed);

    [LoggerMessage(EventId = 200402, Level = LogLevel.Error, Message = "Exception thrown in MemoryAdapterFactory.GetQueueMessagesAsync.")]
    private static partial void LogQueueRead(ILogger logger, Exception error);

    [LoggerMessage(EventId = PlannedTransitions.AddressingFailed, Level = LogLevel.Error, Message = "Failed to address message {Message}")]
    private static partial void LogAddressFailure(ILogger logger, Exception error, string message);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Error in a grain")]
    private static partial void LogGrainError(ILogger logger, Exception error);

    [LoggerMessage(EventId = PlannedTransitions.ItemWithoutSubscriber, Level = LogLevel.Warning, Message = "got an item but I don't have any subscriber for that stream. Dropping on the floor.")]
    private static partial void LogItemWithoutSubscriber(ILogger logger);
}

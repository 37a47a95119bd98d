using Microsoft.Extensions.Logging;
using Ledger.Silo.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Api.Tests.Logging;

public sealed partial class SummarisingLoggerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerProvider _console = new();
    private readonly SummarisingLoggerProvider _provider;
    private readonly ILogger _transport;

    public SummarisingLoggerTests()
    {
        _provider = new SummarisingLoggerProvider(_console, _time, Interval);
        _transport = _provider.CreateLogger("Orleans.Messaging");
    }

    [Fact]
    public void A_thousand_identical_failures_are_one_line_with_its_stack_trace_then_one_count_per_interval()
    {
        for (var i = 0; i < 1_000; i++)
        {
            LogAddressFailure(_transport, Thrown(), $"Request [S10.0.0.1:11111:1 sys.client/hosted-10.0.0.1:11111@1]->[S10.0.0.2:11111:1 household/H-{i}] RecordFor() #{i:X8}");
        }

        var first = Assert.Single(_console.Entries);
        Assert.Equal((LogLevel.Error, 100071), (first.Level, first.EventId));
        Assert.Contains(" at ", first.Exception, StringComparison.Ordinal);
        _time.Advance(Interval);
        var summary = _console.Entries[1];
        Assert.Equal((2, "Orleans.Messaging", LogLevel.Error, 100071), (_console.Entries.Count, summary.Category, summary.Level, summary.EventId));
        Assert.Equal("Repeated 999 more times in the last 10 s: Failed to address message {Message} (OrleansException<-TimeoutException)", summary.Message);
        Assert.Null(summary.Exception);
    }

    [Fact]
    public void A_cause_quiet_for_an_interval_is_written_again_at_once_without_its_stack_trace()
    {
        LogAddressFailure(_transport, Thrown(), "m");
        LogAddressFailure(_transport, Thrown(), "m");
        _time.Advance(Interval);
        _time.Advance(Interval);
        LogAddressFailure(_transport, Thrown(), "m");

        Assert.Equal(3, _console.Entries.Count);
        Assert.Equal("Repeated 1 more times in the last 10 s: Failed to address message {Message} (OrleansException<-TimeoutException)", _console.Entries[1].Message);
        Assert.Equal("Orleans.Runtime.OrleansException: the silo is gone ---> System.TimeoutException: no answer (stack trace written once, earlier)",
            _console.Entries[2].Exception);
    }

    [Fact]
    public void Different_causes_are_counted_apart_and_information_passes_untouched()
    {
        var api = _provider.CreateLogger("Ledger.Silo.Http.Unavailability");
        for (var i = 0; i < 3; i++)
        {
            LogAddressFailure(_transport, Thrown(), "m");
            LogAnswered503(api, "GET");
            LogStarted(api, $"household/H-{i}");
        }
        _time.Advance(Interval);

        Assert.Equal(
        [
            "Failed to address message m", "GET answered 503", "started household/H-0", "started household/H-1", "started household/H-2",
            "Repeated 2 more times in the last 10 s: Failed to address message {Message} (OrleansException<-TimeoutException)",
            "Repeated 2 more times in the last 10 s: {Method} answered 503",
        ], _console.Entries.Select(entry => entry.Message));
    }

    [Fact]
    public void Summaries_owed_are_written_when_the_provider_is_disposed()
    {
        LogAnswered503(_transport, "GET");
        LogAnswered503(_transport, "GET");
        _provider.Dispose();

        Assert.Equal("Repeated 1 more times in the last 10 s: {Method} answered 503", _console.Entries[^1].Message);
    }

    [Fact]
    public void Warnings_carry_neither_grain_keys_nor_message_bodies_in_text_exception_or_arguments()
    {
        const string response = "Response [S10.0.0.2:11111:1 household/H350102-501-000739]->[S10.0.0.1:11111:1 sys.client/hosted-10.0.0.1:11111@1] " +
            "Response(SettlementResult { SetlId = S350102-501-2024-000000123, MedfeeSumamt = 12345.67, PsnNo = P350102-501-000739-1 }) #0AD74471DCC4CEB9[ForwardCount=1]";
        var error = Thrown($"Forwarding failed: tried to forward message {response} for 2 times");

        LogAddressFailure(_transport, error, response);

        var entry = Assert.Single(_console.Entries);
        var written = string.Join('\n', [entry.Message, entry.Exception!, .. entry.State.Select(pair => $"{pair.Value}")]);
        Assert.DoesNotMatch("350102|12345|SettlementResult", written);
        Assert.Equal("Failed to address message Response to S10.0.0.1:11111:1 …", entry.Message);
        Assert.Contains("S10.0.0.1:11111:1", entry.Exception, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_own_warnings_about_transport_withhold_ids_and_amounts_and_others_keep_them()
    {
        var household = _provider.CreateLogger("Ledger.Grains.Households.HouseholdGrain");

        LogNotPublished(household, new SiloUnavailableException(), "H350102-501-000415", 2);
        LogNotPublished(household, new InvalidOperationException("the outbox is full"), "H350102-501-000416", 3);

        Assert.Equal(["Household …: 2 events not published yet", "Household H350102-501-000416: 3 events not published yet"], _console.Entries.Select(entry => entry.Message));
        Assert.DoesNotContain(_console.Entries[0].State, pair => pair.Key == "HouseholdId");
        Assert.Contains(_console.Entries[0].State, pair => pair.Key == "Count" && pair.Value is 2);
    }

    [Fact]
    public void The_watchdog_start_up_race_is_dropped_and_a_real_stall_is_not()
    {
        var watchdog = _provider.CreateLogger(WatchdogStartupRace.Category);

        LogStall(watchdog, TimeSpan.FromDays(3));
        // Shorter than this test process has lived, so it can be a stall.
        LogStall(watchdog, TimeSpan.FromMilliseconds(100));

        var entry = Assert.Single(_console.Entries);
        Assert.Equal("Participant check thread has not completed for 00:00:00.1000000, potentially indicating lock contention or deadlock, CPU starvation, or another execution anomaly.", entry.Message);
    }

    [Fact]
    public void Zero_interval_writes_every_entry_each_with_its_stack_trace()
    {
        using var everything = new SummarisingLoggerProvider(_console, _time, TimeSpan.Zero);
        var logger = everything.CreateLogger("Orleans.Messaging");

        LogAddressFailure(logger, Thrown(), "m");
        LogAddressFailure(logger, Thrown(), "m");

        Assert.All(_console.Entries, entry => Assert.Contains(" at ", entry.Exception, StringComparison.Ordinal));
        Assert.Equal(2, _console.Entries.Count);
    }

    private static OrleansException Thrown(string message = "the silo is gone")
    {
        try
        {
            throw new OrleansException(message, new TimeoutException("no answer"));
        }
        catch (OrleansException thrown)
        {
            return thrown;
        }
    }

    [LoggerMessage(EventId = 100071, Level = LogLevel.Error, Message = "Failed to address message {Message}")]
    private static partial void LogAddressFailure(ILogger logger, Exception error, string message);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Household {HouseholdId}: {Count} events not published yet")]
    private static partial void LogNotPublished(ILogger logger, Exception error, string householdId, int count);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{Method} answered 503")]
    private static partial void LogAnswered503(ILogger logger, string method);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "started {Grain}")]
    private static partial void LogStarted(ILogger logger, string grain);

    [LoggerMessage(EventId = 100150, Level = LogLevel.Warning, Message = "Participant check thread has not completed for {TimeSinceLastTick}, potentially indicating lock contention or deadlock, CPU starvation, or another execution anomaly.")]
    private static partial void LogStall(ILogger logger, TimeSpan timeSinceLastTick);
}

using Microsoft.Extensions.Logging;

namespace Ledger.Api.Tests.Logging;

/// <summary>One entry as a console formatter would receive it.</summary>
public sealed record Recorded(string Category, LogLevel Level, int EventId, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);

/// <summary>Stands in for the console provider: keeps what it is asked to write.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<Recorded> _entries = [];

    public IReadOnlyList<Recorded> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            lock (provider._entries)
            {
                provider._entries.Add(new Recorded(category, logLevel, eventId.Id, formatter(state, exception), exception?.ToString(), [.. values]));
            }
        }
    }
}

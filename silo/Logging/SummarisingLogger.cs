namespace Ledger.Silo.Logging;

/// <summary>One category's logger under <see cref="SummarisingLoggerProvider"/>.</summary>
internal sealed class SummarisingLogger(string category, ILogger inner, SummarisingLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel < LogLevel.Warning || logLevel == LogLevel.None)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }
        if (WatchdogStartupRace.IsFalseAlarm(category, state))
        {
            return;
        }
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        if (ReportedStates.IsReported(category, eventId, logLevel, values))
        {
            return;
        }
        var template = values.FirstOrDefault(pair => pair.Key == RedactedState.TemplateKey).Value as string;
        var transport = LogRedaction.IsTransport(category, exception);
        var message = LogRedaction.Scrub(transport && template is not null ? LogRedaction.Render(template, values) : formatter(state, exception));
        var shownValues = transport ? values.Where(pair => !LogRedaction.IsWithheld(pair.Key)) : values;
        if (PlannedTransitions.Demoted(provider.Phase, category, eventId, template, exception) is { } planned)
        {
            // Expected while the silo starts or stops: no stack trace, nothing counted against the cause.
            if (planned != LogLevel.None)
            {
                inner.Log(planned, eventId, new RedactedState(message, shownValues), exception is null ? null : new ShownException(exception, withStackTrace: false, PlannedTransitions.Expected), RedactedState.Format);
            }
            return;
        }
        template ??= message;
        var cause = new FailureCause(category, eventId.Id, template, exception is null ? "" : ShownException.TypesOf(exception));
        var admission = provider.Admit(cause, logLevel, exception is not null);
        if (admission.Write)
        {
            var shown = exception is null ? null : new ShownException(exception, admission.WithStackTrace);
            inner.Log(logLevel, eventId, new RedactedState(message, shownValues), shown, RedactedState.Format);
        }
    }
}

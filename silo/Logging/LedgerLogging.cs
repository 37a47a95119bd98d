using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Logging;

/// <summary>Configuration section <c>Ledger:Logging</c>.</summary>
public sealed class LedgerLoggingOptions
{
    public const string Section = "Ledger:Logging";

    /// <summary>Repeated warnings and errors are summarised once per this many seconds per cause; 0 writes each.</summary>
    public int SummarySeconds { get; set; } = 10;
}

/// <summary>
/// The console log as operators get it: the summarising, redacting wrapper around the console
/// provider. Plain text by default; JSON lines with <c>Logging:Console:FormatterName=json</c>
/// (<c>Logging__Console__FormatterName=json</c> in the environment).
/// </summary>
public static class LedgerLogging
{
    public static WebApplicationBuilder AddLedgerLogging(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LedgerLoggingOptions.Section).Get<LedgerLoggingOptions>() ?? new LedgerLoggingOptions();
        var services = builder.Logging.Services;
        foreach (var console in services.Where(descriptor => descriptor.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            services.Remove(console);
        }
        services.AddSingleton<HostPhase>();
        services.AddSingleton<ILoggerProvider>(provider => new SummarisingLoggerProvider(
            new ConsoleLoggerProvider(provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), provider.GetServices<ConsoleFormatter>()),
            TimeProvider.System, TimeSpan.FromSeconds(options.SummarySeconds), provider.GetRequiredService<HostPhase>()));
        return builder;
    }
}

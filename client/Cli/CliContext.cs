using Ledger.Client.Feeding;
using Spectre.Console;

namespace Ledger.Client.Cli;

/// <summary>
/// Where a command writes and how it reaches the server. Results go to <see cref="Out"/>, errors,
/// warnings and the progress bar to <see cref="Error"/>, so <c>ledger … &gt; file</c> keeps only data.
/// Tests substitute writers, an HTTP handler and quick retry timings.
/// </summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>
    /// Standard output as bytes, for data passed on as the server sent it (the monthly report's CSV, BOM
    /// included): a text writer would re-encode it. Null where only <see cref="Out"/> is given (tests).
    /// </summary>
    public Stream? OutBytes { get; init; }

    /// <summary>Tables, on <see cref="Out"/>.</summary>
    public required IAnsiConsole Tables { get; init; }

    /// <summary>The progress bar, on <see cref="Error"/>; null when that is not a terminal.</summary>
    public IAnsiConsole? Progress { get; init; }

    /// <summary>Replaces the network in tests.</summary>
    public Func<HttpMessageHandler>? Handler { get; init; }

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>The clock reports are stamped with and "today" is read from (a fixed one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Width of tables written to a file or pipe, where no terminal says how wide to be.</summary>
    public const int RedirectedWidth = 160;

    public static CliContext FromConsole()
    {
        var interactive = !Console.IsErrorRedirected;
        var tables = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            tables.Profile.Width = RedirectedWidth;
        }
        return new CliContext
        {
            Out = Console.Out,
            Error = Console.Error,
            OutBytes = Console.OpenStandardOutput(),
            Tables = tables,
            Progress = interactive
                ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes })
                : null,
        };
    }

    /// <summary>For tests and redirected output: plain text, no colours, no progress bar.</summary>
    public static CliContext Plain(
        TextWriter output, TextWriter error, Func<HttpMessageHandler>? handler = null, RetryPolicy? retry = null, TimeProvider? time = null, Stream? outBytes = null)
    {
        var tables = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        tables.Profile.Width = RedirectedWidth;
        return new CliContext { Out = output, Error = error, OutBytes = outBytes, Tables = tables, Handler = handler, Retry = retry ?? new RetryPolicy(), Time = time ?? TimeProvider.System };
    }

    public void Fail(string message) => Error.WriteLine($"error: {message}");

    public void Warn(string message) => Error.WriteLine($"warning: {message}");
}

using Ledger.Client.Cli;
using Ledger.Client.Tests.Fakes;
using Spectre.Console;

namespace Ledger.Client.Tests.Commands;

/// <summary>
/// On a terminal, long work shows a progress bar on stderr (never on stdout, which keeps only data):
/// here a terminal is a console over a text writer that says it is interactive and speaks ANSI.
/// </summary>
public sealed class ProgressBarTests
{
    [Fact]
    public async Task A_what_if_on_a_terminal_shows_reading_and_replaying_to_the_end()
    {
        var (output, error, bar) = (new StringWriter(), new StringWriter(), new StringWriter());
        var folder = Directory.CreateTempSubdirectory("ledger-progress-tests-");
        var golden = Path.Combine(AppContext.BaseDirectory, "policies", "golden", "what-if", "fujian-assistance-ratio");

        var exit = await LedgerCommandLine.RunAsync(Terminal(output, error, bar), ["what-if", "--baseline", Path.Combine(golden, "baseline"),
            "--changed", Path.Combine(golden, "changed.yaml"), "--feed", Path.Combine(golden, "settlements.csv"),
            "--persons", Path.Combine(golden, "persons.ndjson"), "--out", Path.Combine(folder.FullName, "out")]);

        Assert.True(exit == 0, error.ToString());
        var drawn = bar.ToString();
        Assert.Matches(@"reading [\d,]+ bytes", drawn);
        Assert.Matches(@"replaying [\d,]+ households", drawn);
        Assert.Contains("100%", drawn, StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_feed_on_a_terminal_draws_its_bar_to_the_end_on_stderr_and_keeps_stdout_for_the_summary()
    {
        var ledger = new FakeLedger();
        var handler = new FakeHandler(request => Task.FromResult(ledger.Answer(request.Body)));
        var (output, error, bar) = (new StringWriter(), new StringWriter(), new StringWriter());
        var context = Terminal(output, error, bar, handler);
        var folder = Directory.CreateTempSubdirectory("ledger-progress-tests-");
        var file = Path.Combine(folder.FullName, "settlements.ndjson");
        await File.WriteAllLinesAsync(file, FakeLedger.Lines(10));

        var exit = await LedgerCommandLine.RunAsync(context, ["--url", "http://ledger.test", "feed", file, "--batch", "3"]);

        Assert.True(exit == 0, error.ToString());
        var drawn = bar.ToString();
        Assert.Contains("settlements 10 acknowledged", drawn, StringComparison.Ordinal);
        Assert.Contains("100%", drawn, StringComparison.Ordinal);
        Assert.StartsWith("settlements sent=10 recorded=10 ", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("100%", output.ToString(), StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_simulate_to_files_on_a_terminal_draws_persons_and_settlements_to_the_end_on_stderr()
    {
        var (output, error, bar) = (new StringWriter(), new StringWriter(), new StringWriter());
        var folder = Directory.CreateTempSubdirectory("ledger-progress-tests-");

        var exit = await LedgerCommandLine.RunAsync(Terminal(output, error, bar), ["simulate", "--households", "50", "--count", "400",
            "--year", "2023", "--seed", "5", "--out", folder.FullName]);

        Assert.True(exit == 0, error.ToString());
        var persons = File.ReadAllLines(Path.Combine(folder.FullName, "persons.ndjson")).Length;
        var drawn = bar.ToString();
        Assert.Contains($"persons {persons} lines", drawn, StringComparison.Ordinal);
        Assert.Contains("settlements 400 lines", drawn, StringComparison.Ordinal);
        Assert.Contains("100%", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain("100%", output.ToString(), StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    /// <summary>Plain stdout and stderr, and a progress console that says it is an ANSI terminal, drawing into <paramref name="bar"/>.</summary>
    private static CliContext Terminal(StringWriter output, StringWriter error, StringWriter bar, FakeHandler? handler = null) => new()
    {
        Out = output,
        Error = error,
        Tables = CliContext.Plain(output, error).Tables,
        Progress = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(bar), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.Yes,
        }),
        Handler = handler is null ? null : () => handler,
        Retry = Quick.Retry,
    };
}

using Ledger.Client.Cli;

namespace Ledger.Reliability.Tests.Feeds;

/// <summary>The <c>ledger</c> command line, run in this process exactly as a feed operator would type it.</summary>
public static class LedgerCli
{
    public static Task<(int Exit, string Out, string Error)> RunAsync(string urls, params string[] args) => RunWithKeyAsync(urls, SiloProcess.FeedKey, args);

    public static async Task<(int Exit, string Out, string Error)> RunWithKeyAsync(string urls, string key, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LedgerCommandLine.RunAsync(CliContext.Plain(output, error), ["--url", urls, "--key", key, .. args]);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// <c>ledger db init --connection … --app-role ledger_app</c> as the migration role, failing the test
    /// with the CLI's words if it cannot.
    /// </summary>
    public static async Task DbInitAsync(string ownerConnectionString)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LedgerCommandLine.RunAsync(CliContext.Plain(output, error),
            ["db", "init", "--connection", ownerConnectionString, "--app-role", PostgresDatabase.AppRole]);
        Assert.True(exit == 0, $"ledger db init: exit {exit}\n{output}\n{error}");
    }

    /// <summary>Registers the feed's persons, failing the test with the CLI's words if it cannot.</summary>
    public static async Task RegisterAsync(string urls, SyntheticFeed feed)
    {
        var (exit, output, error) = await RunAsync(urls, "feed", "--persons", feed.PersonsPath, "--connections", "16");
        Assert.True(exit == 0, $"ledger feed --persons: exit {exit}\n{output}\n{error}");
    }

    /// <summary>The summary counts of one feed phase: "settlements sent=… recorded=… duplicate=…".</summary>
    public static Dictionary<string, string> Summary(string output, string phase)
    {
        var line = output.Split('\n').Single(text => text.StartsWith(phase + " ", StringComparison.Ordinal));
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
    }
}

using System.CommandLine;
using Ledger.Client.Feeding;

namespace Ledger.Client.Cli;

/// <summary>The sending options <c>feed</c> and <c>simulate</c> share.</summary>
public sealed class FeedOptions
{
    public Option<int> Batch { get; } = new("--batch")
    {
        Description = $"Lines per request (1..{BatchTarget.BatchLinesMax}).",
        DefaultValueFactory = _ => 500,
        HelpName = "N",
    };

    public Option<int> Connections { get; } = new("--connections")
    {
        Description = $"Requests in flight at once (1..{PipelineSettings.ConnectionsMax}).",
        DefaultValueFactory = _ => 4,
        HelpName = "N",
    };

    public Option<string?> Rejects { get; } = new("--rejects")
    {
        Description = "Write every refused line to this NDJSON file with the server's reason.",
        HelpName = "FILE",
    };

    public Option<TimeSpan?> GiveUpAfter { get; } = new("--give-up-after")
    {
        Description = "Stop when lines stay unacknowledged this long (30s, 5m, 1h); default: never.",
        HelpName = "DURATION",
        CustomParser = result => Duration(result, "--give-up-after"),
    };

    public Option<TimeSpan?> Timeout { get; } = new("--timeout")
    {
        Description = "A request without an answer this long is resent (default 60s).",
        HelpName = "DURATION",
        CustomParser = result => Duration(result, "--timeout"),
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the summary as JSON." };

    public void AddTo(Command command)
    {
        command.Options.Add(Batch);
        command.Options.Add(Connections);
        command.Options.Add(Rejects);
        command.Options.Add(GiveUpAfter);
        command.Options.Add(Timeout);
        command.Options.Add(Json);
    }

    public PipelineSettings Pipeline(ParseResult parse)
    {
        var batch = parse.GetValue(Batch);
        var connections = parse.GetValue(Connections);
        if (batch is < 1 or > BatchTarget.BatchLinesMax)
        {
            throw new UsageException($"--batch: {batch} is outside 1..{BatchTarget.BatchLinesMax}");
        }
        if (connections is < 1 or > PipelineSettings.ConnectionsMax)
        {
            throw new UsageException($"--connections: {connections} is outside 1..{PipelineSettings.ConnectionsMax}");
        }
        return new PipelineSettings(batch, connections);
    }

    public RetryPolicy Retry(ParseResult parse, RetryPolicy defaults) => defaults with
    {
        GiveUpAfter = parse.GetValue(GiveUpAfter) ?? defaults.GiveUpAfter,
        AttemptTimeout = parse.GetValue(Timeout) ?? defaults.AttemptTimeout,
    };

    private static TimeSpan? Duration(System.CommandLine.Parsing.ArgumentResult result, string name)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Durations.TryParse(text, out var duration) && duration != TimeSpan.Zero)
        {
            return duration;
        }
        result.AddError($"{name}: '{text}' is not a duration such as 500ms, 30s, 5m, 1h or never");
        return null;
    }
}

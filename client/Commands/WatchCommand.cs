using System.CommandLine;
using System.Text.Json;
using Ledger.Client.Cli;
using Ledger.Client.Http;
using Ledger.Client.Watching;

namespace Ledger.Client.Commands;

/// <summary><c>ledger watch --region 35</c>: live events of a region prefix, one per line, until Ctrl+C.</summary>
public static class WatchCommand
{
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var region = RegionOption.Create();
        var json = new Option<bool>("--json") { Description = "Print each event's JSON as one line." };
        var after = new Option<string?>("--after") { Description = "Resume after this event id (as Last-Event-ID).", HelpName = "EVENT_ID" };
        var command = new Command("watch", "Print live events (warnings, crossings, capping) for a region, reconnecting without loss.");
        command.Options.Add(region);
        command.Options.Add(json);
        command.Options.Add(after);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var code = RegionOption.Value(parse, region);
            var server = global.Server(parse);
            using var http = LedgerHttp.Create(server, connectionsMax: 1, context.Handler?.Invoke());
            var watcher = new EventWatcher(http, code, context.Retry, server.ApiKey is not null) { LastEventId = parse.GetValue(after) };
            var raw = parse.GetValue(json);
            try
            {
                await watcher.RunAsync(
                    async received =>
                    {
                        await context.Out.WriteLineAsync(raw ? Compact(received.Data) : EventLine.Format(received));
                        await context.Out.FlushAsync(cancellationToken);
                    },
                    context.Warn,
                    cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how watching ends.
            }
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static string Compact(string data)
    {
        if (!data.Contains('\n'))
        {
            return data;
        }
        try
        {
            using var document = JsonDocument.Parse(data);
            return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            return data.ReplaceLineEndings(" ");
        }
    }
}

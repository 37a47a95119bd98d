using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using Ledger.Client.Cli;
using Ledger.Client.Feeding;
using Ledger.Client.Http;

namespace Ledger.Client.Commands;

/// <summary><c>ledger feed [FILE] [--persons FILE]</c>: sends a file of settlements (and/or persons) until acknowledged.</summary>
public static class FeedCommand
{
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "Settlements: NDJSON (.ndjson, .jsonl) or CSV (.csv) with national field names; - for stdin.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var persons = new Option<string?>("--persons")
        {
            Description = "Persons NDJSON ({psn_no, region_code, household_id, residence, insutype, identities}), sent first.",
            HelpName = "FILE",
        };
        var format = new Option<string>("--format")
        {
            Description = "Format of FILE: auto (by extension), ndjson or csv.",
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong("auto", "ndjson", "csv");
        var feed = new FeedOptions();
        var command = new Command("feed", "Send settlements (and persons) to the ledger, retrying until every line is acknowledged.");
        command.Arguments.Add(file);
        command.Options.Add(persons);
        command.Options.Add(format);
        feed.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var settlementsPath = parse.GetValue(file);
            var personsPath = parse.GetValue(persons);
            if (settlementsPath is null && personsPath is null)
            {
                throw new UsageException("give a settlements FILE, --persons FILE, or both");
            }
            var server = global.Server(parse);
            var settings = feed.Pipeline(parse);
            var policy = feed.Retry(parse, context.Retry);
            var resolved = settlementsPath is null ? FeedFormat.Auto : FeedFormats.Resolve(Enum.Parse<FeedFormat>(parse.GetValue(format)!, ignoreCase: true), settlementsPath);
            using var http = LedgerHttp.Create(server, settings.Connections, context.Handler?.Invoke());
            var keyGiven = server.ApiKey is not null;
            var rejectsPath = parse.GetValue(feed.Rejects);
            using var rejects = rejectsPath is null ? null : RejectsWriter.Open(rejectsPath);
            var refused = 0L;
            if (personsPath is not null)
            {
                using var reader = Open(personsPath);
                var phase = new FeedPhase("persons", new PersonTarget(http, policy, keyGiven),
                    PersonLines(reader, cancellationToken), Length(personsPath), settings);
                var outcome = await FeedRunner.RunAsync(context, phase, policy, rejects, cancellationToken);
                if (!Report(context, outcome, parse.GetValue(feed.Json), rejectsPath))
                {
                    return Failed(cancellationToken);
                }
                refused += outcome.Refused;
            }
            if (settlementsPath is not null)
            {
                using var reader = Open(settlementsPath);
                var phase = new FeedPhase("settlements", new SettlementTarget(http, policy, keyGiven),
                    FeedFormats.ReadSettlements(reader, resolved, cancellationToken), Length(settlementsPath), settings);
                var outcome = await FeedRunner.RunAsync(context, phase, policy, rejects, cancellationToken);
                if (!Report(context, outcome, parse.GetValue(feed.Json), rejectsPath))
                {
                    return Failed(cancellationToken);
                }
                refused += outcome.Refused;
            }
            // Refused lines are final (resending them changes nothing), so the feed goes on past them, and says so at the end.
            return refused == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }, cancellationToken));
        return command;
    }

    internal static int Failed(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Failed;

    internal static bool Report(CliContext context, FeedOutcome outcome, bool json, string? rejectsPath)
    {
        FeedSummary.Write(context, outcome, json, rejectsPath);
        return outcome.Failure is null;
    }

    internal static async IAsyncEnumerable<FeedLine> PersonLines(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in NdjsonFeedReader.ReadAsync(reader, "psn_no", cancellationToken))
        {
            yield return PersonTarget.RequireKey(line);
        }
    }

    private static TextReader Open(string path) =>
        path == "-" ? Console.In : new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    private static long? Length(string path) => path == "-" ? null : new FileInfo(path).Length;
}

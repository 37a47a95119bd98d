using System.CommandLine;
using System.Text;
using System.Text.Json;
using Ledger.Client.Cli;
using Ledger.Client.Feeding;
using Ledger.Client.Http;
using Ledger.Client.Simulation;
using Ledger.Client.Wire;
using Ledger.Shared;

namespace Ledger.Client.Commands;

/// <summary>
/// <c>ledger simulate</c>: a synthetic region, deterministic by --seed, written to files (--out) or sent
/// to the server: persons first, then settlements at --rate, with the feed's retry rules.
/// </summary>
public static class SimulateCommand
{
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var region = new Option<string>("--region") { Description = "Six-digit region code.", DefaultValueFactory = _ => "350102" };
        var households = new Option<int>("--households") { Description = "Households (1 to 5 members each).", DefaultValueFactory = _ => 1_000 };
        var count = new Option<int>("--count") { Description = "Settlements to generate.", DefaultValueFactory = _ => 10_000 };
        var rate = new Option<double>("--rate") { Description = "Settlements per second when sending; 0 = as fast as possible.", DefaultValueFactory = _ => 0 };
        var year = new Option<int?>("--year") { Description = "Settlement year (default: this year, up to today, China time)." };
        var seed = new Option<long>("--seed") { Description = "Same seed, same region.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write persons.ndjson and settlements.ndjson here instead of sending.", HelpName = "DIR" };
        var feed = new FeedOptions();
        var command = new Command("simulate", "Generate a synthetic region and send it (or write it to files).");
        foreach (var option in new Option[] { region, households, count, rate, year, seed, output })
        {
            command.Options.Add(option);
        }
        feed.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var settings = Settings(parse.GetValue(region)!, parse.GetValue(households), parse.GetValue(count), parse.GetValue(year), parse.GetValue(seed), context.Time);
            var perSecond = parse.GetValue(rate);
            if (perSecond < 0 || double.IsNaN(perSecond))
            {
                throw new UsageException($"--rate: {perSecond} must be 0 (as fast as possible) or more");
            }
            var synthetic = new SyntheticRegion(settings);
            if (parse.GetValue(output) is { } directory)
            {
                await WriteFilesAsync(context, synthetic, directory, cancellationToken);
                return ExitCodes.Ok;
            }
            return await SendAsync(context, global.Server(parse), synthetic, perSecond, feed, parse, cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// The region's settings; "this year" and "today" (no settlement after it) are read from
    /// <paramref name="clock"/>, the client's (<see cref="CliContext.Time"/>), as its other dates are.
    /// </summary>
    internal static SimulationSettings Settings(string region, int households, int count, int? year, long seed, TimeProvider clock)
    {
        var today = ChinaTime.Today(clock);
        var settings = new SimulationSettings
        {
            RegionCode = region,
            Households = households,
            Settlements = count,
            Year = year ?? today.Year,
            Seed = seed,
            // The API refuses settlements dated in the future.
            LastDay = (year ?? today.Year) >= today.Year ? today : null,
        };
        var problems = settings.Validate();
        return problems.Count == 0 ? settings : throw new UsageException(string.Join("; ", problems));
    }

    private static async Task WriteFilesAsync(CliContext context, SyntheticRegion synthetic, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var personsPath = Path.Combine(directory, "persons.ndjson");
        var settlementsPath = Path.Combine(directory, "settlements.ndjson");
        await PhaseProgress.RunAsync(context, "persons", "lines", synthetic.Persons.Count,
            progress => WriteLinesAsync(personsPath, synthetic.Persons.Select(Json), progress, cancellationToken));
        await PhaseProgress.RunAsync(context, "settlements", "lines", synthetic.Settings.Settlements,
            progress => WriteLinesAsync(settlementsPath, synthetic.Settlements().Select(Json), progress, cancellationToken));
        var households = synthetic.Persons.Select(person => person.HouseholdId).Distinct().Count();
        context.Out.WriteLine($"persons count={synthetic.Persons.Count} households={households} file={personsPath}");
        context.Out.WriteLine($"settlements count={synthetic.Settings.Settlements} year={synthetic.Settings.Year} file={settlementsPath}");
    }

    private static async Task<int> SendAsync(
        CliContext context, ServerOptions server, SyntheticRegion synthetic, double perSecond, FeedOptions feed, ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = feed.Pipeline(parse);
        var policy = feed.Retry(parse, context.Retry);
        var json = parse.GetValue(feed.Json);
        var rejectsPath = parse.GetValue(feed.Rejects);
        using var rejects = rejectsPath is null ? null : RejectsWriter.Open(rejectsPath);
        using var http = LedgerHttp.Create(server, settings.Connections, context.Handler?.Invoke());
        var keyGiven = server.ApiKey is not null;
        var persons = new FeedPhase("persons", new PersonTarget(http, policy, keyGiven),
            Lines(synthetic.Persons, person => person.PsnNo, 0, cancellationToken), synthetic.Persons.Count, settings);
        var registered = await FeedRunner.RunAsync(context, persons, policy, rejects, cancellationToken);
        if (!FeedCommand.Report(context, registered, json, rejectsPath))
        {
            return FeedCommand.Failed(cancellationToken);
        }
        // At a set rate, batches of a tenth of a second's worth keep the stream smooth.
        var batch = perSecond > 0 ? (int)Math.Clamp(Math.Ceiling(perSecond / 10), 1, settings.BatchLines) : settings.BatchLines;
        var settlements = new FeedPhase("settlements", new SettlementTarget(http, policy, keyGiven),
            Lines(synthetic.Settlements(), settlement => settlement.SetlId, perSecond, cancellationToken), synthetic.Settings.Settlements, settings with { BatchLines = batch });
        var outcome = await FeedRunner.RunAsync(context, settlements, policy, rejects, cancellationToken);
        if (!FeedCommand.Report(context, outcome, json, rejectsPath))
        {
            return FeedCommand.Failed(cancellationToken);
        }
        return registered.Refused + outcome.Refused == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    // Pacing measures elapsed time and waits on it, so it runs on the real clock: a fixed test clock would never let it go on.
    private static IAsyncEnumerable<FeedLine> Lines<T>(IEnumerable<T> items, Func<T, string> key, double perSecond, CancellationToken cancellationToken) =>
        Pacing.PacedAsync(items.Select((item, index) => new FeedLine(index + 1, Json(item), key(item), Weight: 1)), perSecond, TimeProvider.System, cancellationToken);

    internal static string Json<T>(T item) => JsonSerializer.Serialize(item, ClientJson.Options);

    /// <summary>Writes <paramref name="lines"/> to <paramref name="path"/>, telling <paramref name="progress"/> how many are written; returns that count.</summary>
    private static async Task<long> WriteLinesAsync(string path, IEnumerable<string> lines, Action<long> progress, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { NewLine = "\n" };
        long written = 0;
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            progress(++written);
        }
        return written;
    }
}

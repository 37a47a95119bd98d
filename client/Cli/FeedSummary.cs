using System.Globalization;
using System.Text.Json;
using Ledger.Client.Feeding;

namespace Ledger.Client.Cli;

/// <summary>
/// The end of a feed: one logfmt line per phase on stdout (or one JSON object with --json), the first
/// rejections and any failure on stderr. Rejections print the line number, the id and the server's
/// reason, never the line itself: a persons line may hold a name or an ID-card number.
/// </summary>
public static class FeedSummary
{
    public static void Write(CliContext context, FeedOutcome outcome, bool json, string? rejectsPath)
    {
        var tally = outcome.Tally;
        var fields = new (string Name, object Value)[]
        {
            ("sent", tally.Sent), ("recorded", tally.Recorded), ("duplicate", tally.Duplicate),
            ("rejected", tally.Rejected), ("malformed", tally.Malformed), ("unacknowledged", tally.Unacknowledged),
            ("resent", tally.Resent), ("requests", tally.Requests),
            ("elapsed_seconds", Math.Round(outcome.Elapsed.TotalSeconds, 2)), ("rate_per_second", Math.Round(outcome.Rate, 1)),
        };
        if (json)
        {
            var document = new Dictionary<string, object> { ["phase"] = outcome.Name };
            foreach (var (name, value) in fields)
            {
                document[name] = value;
            }
            document["completed"] = outcome.Failure is null;
            context.Out.WriteLine(JsonSerializer.Serialize(document));
        }
        else
        {
            context.Out.WriteLine(outcome.Name + " " + string.Join(' ', fields.Select(field =>
                $"{field.Name}={Convert.ToString(field.Value, CultureInfo.InvariantCulture)}")));
        }
        foreach (var rejection in tally.RejectionsShown)
        {
            var id = rejection.Key is null ? "" : $" ({rejection.Key})";
            context.Error.WriteLine($"{outcome.Name}: line {rejection.LineNumber}{id} refused: {rejection.Problem.Describe()}");
        }
        var refused = outcome.Refused;
        if (refused > tally.RejectionsShown.Count)
        {
            var where = rejectsPath is null ? "use --rejects FILE to keep them all" : $"all in {rejectsPath}";
            context.Error.WriteLine($"{outcome.Name}: … {refused - tally.RejectionsShown.Count} more refused line(s) ({where})");
        }
        if (refused > 0)
        {
            // The reason the exit code is 1 although every line was answered.
            context.Fail($"{outcome.Name}: {refused} line(s) refused");
        }
        if (outcome.Failure is { } failure)
        {
            context.Fail($"{outcome.Name}: {failure}; {tally.Unacknowledged} line(s) sent but not acknowledged");
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Client.Cli;
using Ledger.Client.Http;
using Ledger.Client.Views;
using Ledger.Client.Wire;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ledger.Client.Commands;

/// <summary><c>ledger person PSN_NO [--year]</c>: a person's identities, totals per payer and open thresholds.</summary>
public static class PersonCommand
{
    public static Command Create(CliContext context, GlobalOptions global) =>
        ReadCommand.Create(context, global, "person", "PSN_NO", "Show a person's identities, yearly totals per payer and open thresholds.",
            id => $"api/persons/{LedgerHttp.Segment(id)}",
            json => LedgerTables.Person(JsonSerializer.Deserialize<PersonModel>(json, ClientJson.Options)!));
}

/// <summary><c>ledger household ID [--year]</c>: members, totals, burden caps and open thresholds.</summary>
public static class HouseholdCommand
{
    public static Command Create(CliContext context, GlobalOptions global) =>
        ReadCommand.Create(context, global, "household", "HOUSEHOLD_ID", "Show a household's members, totals, burden caps and open thresholds.",
            id => $"api/households/{LedgerHttp.Segment(id)}",
            json => LedgerTables.Household(JsonSerializer.Deserialize<HouseholdModel>(json, ClientJson.Options)!));
}

/// <summary>The shape both reads share: one GET, tables or (--json) the JSON with personal fields masked.</summary>
internal static class ReadCommand
{
    public static Command Create(
        CliContext context, GlobalOptions global, string name, string argumentName, string description,
        Func<string, string> path, Func<string, IEnumerable<IRenderable>> render)
    {
        var id = new Argument<string>(argumentName) { Description = $"The {name}'s id." };
        var year = new Option<int?>("--year") { Description = "Calendar year (China time); default: the server's current year." };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON instead of tables." };
        var command = new Command(name, description);
        command.Arguments.Add(id);
        command.Options.Add(year);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var server = global.Server(parse);
            using var http = LedgerHttp.Create(server, connectionsMax: 1, context.Handler?.Invoke());
            var query = parse.GetValue(year) is { } y ? $"?year={y}" : "";
            using var response = await ApiReads.GetAsync(http, path(parse.GetValue(id)!) + query, "application/json", server.ApiKey is not null, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var document = JsonNode.Parse(body);
            var masked = PersonalDataGuard.GuardJson(document);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(masked ? document!.ToJsonString(ClientJson.Indented) : body.TrimEnd());
                return ExitCodes.Ok;
            }
            foreach (var part in render(document!.ToJsonString()))
            {
                context.Tables.Write(part);
                context.Tables.WriteLine();
            }
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using Ledger.Client.Cli;
using Ledger.Client.Http;
using Ledger.Client.Views;
using Ledger.Client.Wire;
using Ledger.Policy.Loading;
using Ledger.Shared;

namespace Ledger.Client.Commands;

/// <summary>
/// <c>ledger policy check FOLDER</c>: validates a folder of policy files with the very loader a silo
/// runs at start (a file it refuses here, a silo refuses too), then compares it, value by value and
/// date by date, with what each silo named by <c>--url</c> runs (<c>GET /api/policies</c>, operator
/// key). Values the folder lacks for the current year or the next (a 上年 figure not yet in a file) are
/// warned of on standard error, each naming policy, regions and value. Exit 0: valid (the changes are
/// listed, the warnings too); 2: invalid (every problem listed); 1: a silo did not answer.
/// </summary>
public static class PolicyCommand
{
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var folder = new Argument<DirectoryInfo>("FOLDER") { Description = "The folder of policy files (*.yaml) to roll out." };
        var check = new Command("check", "Validate policy files as a silo does at start and list what they change against the running cluster.");
        check.Arguments.Add(folder);
        check.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var directory = parse.GetValue(folder)!;
            PolicyCatalogue catalogue;
            try
            {
                catalogue = PolicyLoader.LoadDirectory(directory.FullName);
            }
            catch (PolicyLoadException invalid)
            {
                foreach (var problem in invalid.Problems)
                {
                    context.Error.WriteLine(problem);
                }
                context.Fail($"{directory.FullName}: {invalid.Problems.Count} problem(s); a silo would refuse to start with these files");
                return ExitCodes.Usage;
            }
            var proposed = PolicyListing.Of(catalogue);
            context.Out.WriteLine($"{directory.FullName}: {proposed.Count} policies valid, checked as a silo checks them at start ({string.Join(", ", proposed.Select(policy => policy.Id))})");
            foreach (var warning in YearFigureWarnings.Of(catalogue, Today(context)))
            {
                context.Warn(warning);
            }
            var server = global.Server(parse);
            var running = new List<(Uri Silo, IReadOnlyList<PolicyListing> Policies)>();
            foreach (var silo in server.BaseUrls)
            {
                running.Add((silo, await RunningAsync(context, server with { BaseUrls = [silo] }, cancellationToken)));
            }
            PolicyChanges.Write(context.Out, running, proposed, Today(context));
            return ExitCodes.Ok;
        }, cancellationToken));
        var policy = new Command("policy", "Policy files: check them before a roll-out.");
        policy.Subcommands.Add(check);
        return policy;
    }

    private static async Task<IReadOnlyList<PolicyListing>> RunningAsync(CliContext context, ServerOptions silo, CancellationToken cancellationToken)
    {
        using var http = LedgerHttp.Create(silo, connectionsMax: 1, context.Handler?.Invoke());
        using var response = await ApiReads.GetAsync(http, "api/policies", "application/json", silo.ApiKey is not null, cancellationToken);
        var answer = await JsonSerializer.DeserializeAsync<RunningPolicies>(await response.Content.ReadAsStreamAsync(cancellationToken), ClientJson.Options, cancellationToken);
        return answer?.Policies ?? [];
    }

    private static DateOnly Today(CliContext context) => ChinaTime.Today(context.Time);

    /// <summary>The body of <c>GET /api/policies</c>.</summary>
    private sealed record RunningPolicies(IReadOnlyList<PolicyListing> Policies);
}

using System.CommandLine;
using Ledger.Client.Commands;

namespace Ledger.Client.Cli;

/// <summary>The whole command tree. Tests build it with their own <see cref="CliContext"/> and run it in-process.</summary>
public static class LedgerCommandLine
{
    public static RootCommand Build(CliContext context)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("ledger — command-line client of the Household Ledger HTTP API.");
        root.Options.Add(global.Url);
        root.Options.Add(global.Key);
        root.Options.Add(global.KeyFile);
        root.Subcommands.Add(FeedCommand.Create(context, global));
        root.Subcommands.Add(SimulateCommand.Create(context, global));
        root.Subcommands.Add(WatchCommand.Create(context, global));
        root.Subcommands.Add(PersonCommand.Create(context, global));
        root.Subcommands.Add(HouseholdCommand.Create(context, global));
        root.Subcommands.Add(ReportCommand.Create(context, global));
        root.Subcommands.Add(PolicyCommand.Create(context, global));
        root.Subcommands.Add(DbCommand.Create(context));
        root.Subcommands.Add(WhatIfCommand.Create(context));
        root.Subcommands.Add(JournalCommand.Create(context, global));
        return root;
    }

    public static Task<int> RunAsync(CliContext context, string[] args, CancellationToken cancellationToken = default) =>
        Build(context).Parse(args).InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
}

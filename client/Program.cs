using Ledger.Client.Cli;

return await LedgerCommandLine.RunAsync(CliContext.FromConsole(), args);

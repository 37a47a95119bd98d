using System.Diagnostics;
using Npgsql;

namespace Ledger.Reliability.Tests.Faults;

/// <summary>Runs an operator's script from the repository, as the runbook shows it, against a test database.</summary>
public static class Shell
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <c>bash deploy/SCRIPT ARGS</c> with the libpq environment (PGHOST …) of <paramref name="connectionString"/>;
    /// fails the test with the script's output unless it exits 0. Returns its standard output.
    /// </summary>
    public static async Task<string> RunAsync(string script, string connectionString, params string[] args)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["PGHOST"] = database.Host, ["PGPORT"] = database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGUSER"] = database.Username, ["PGPASSWORD"] = database.Password, ["PGDATABASE"] = database.Database,
            },
        };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start bash {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"bash {script} {string.Join(' ', args)}: exit {process.ExitCode}\n{await output}\n{await error}");
        return await output;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ledger.Silo.Hosting;
using Npgsql;

namespace Ledger.Api.Tests.Security;

/// <summary>What the silo refuses to start with, seen as an operator sees it: the process's exit and output.</summary>
public sealed class StartupRefusalTests
{
    private const string Secret = "an-operator-secret-4711-never-printed";

    [Fact]
    public async Task An_empty_prefix_and_a_duplicate_key_stop_the_silo_naming_the_entries_and_not_the_key()
    {
        var (exit, output) = await Run(["--urls", "http://127.0.0.1:0"], new()
        {
            ["Ledger__ApiKeys__0__Key"] = Secret, ["Ledger__ApiKeys__0__Role"] = "operator",
            ["Ledger__ApiKeys__1__Key"] = "caseworker-key-0123456789", ["Ledger__ApiKeys__1__Role"] = "caseworker", ["Ledger__ApiKeys__1__Regions__0"] = "",
            ["Ledger__ApiKeys__2__Key"] = Secret, ["Ledger__ApiKeys__2__Role"] = "feed",
        });

        AssertRefusedCleanly(exit, output);
        Assert.Contains("Refusing to start: The API key configuration is refused:", output, StringComparison.Ordinal);
        Assert.Contains("Ledger:ApiKeys:1: Regions:0 must be a region prefix", output, StringComparison.Ordinal);
        Assert.Contains("Ledger:ApiKeys:2: the same key as Ledger:ApiKeys:0", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_keys_are_refused_on_0_0_0_0()
    {
        var (exit, output) = await Run(["--urls", "http://0.0.0.0:0"], new() { ["Ledger__SiloPort"] = LedgerApiFactory.FreePort().ToString(CultureInfo.InvariantCulture) });

        AssertRefusedCleanly(exit, output);
        Assert.Contains("Refusing to run with the development keys on http://0.0.0.0:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PostgreSQL_mode_refuses_to_start_without_a_personal_data_key()
    {
        var (exit, output) = await Run(["--urls", "http://127.0.0.1:0"], new()
        {
            ["ConnectionStrings__Ledger"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=none;Timeout=1",
            ["Ledger__ApiKeys__0__Key"] = Secret, ["Ledger__ApiKeys__0__Role"] = "operator",
        });

        AssertRefusedCleanly(exit, output);
        Assert.Contains("Refusing to start: Ledger:PersonalData: PostgreSQL mode needs CurrentKeyId and Keys:<id>", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_files_a_silo_cannot_load_stop_it_with_every_problem()
    {
        var folder = PolicyFolders.CopyShipped();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "broken.yaml"), "id: broken\nregions: [\"9\"]\n");
            var problems = Assert.Throws<Ledger.Policy.Loading.PolicyLoadException>(() => Ledger.Policy.Loading.PolicyLoader.LoadDirectory(folder.FullName)).Problems;

            var (exit, output) = await Run(["--urls", "http://127.0.0.1:0"], new()
            {
                ["Ledger__PolicyFolder"] = folder.FullName, ["Ledger__SiloPort"] = LedgerApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
            });

            AssertRefusedCleanly(exit, output);
            Assert.Contains($"Refusing to start: The policy files are refused ({problems.Count} problem(s)):", output, StringComparison.Ordinal);
            Assert.All(problems, problem => Assert.Contains(problem, output, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_database_password_is_refused_on_the_first_line_without_the_password()
    {
        const string password = "not-the-password-4711";
        var connection = new NpgsqlConnectionStringBuilder(PostgresDatabase.AppServer) { Password = password, Timeout = 5 }.ConnectionString;

        var (exit, output) = await Run(["--urls", "http://127.0.0.1:0"], PostgresSilo(connection));

        AssertRefusedOnTheFirstLine(exit, output, "Refusing to start: PostgreSQL at 127.0.0.1:5432 refused the login of 'ledger_app' (28P01");
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_is_refused_on_the_first_line()
    {
        var connection = new NpgsqlConnectionStringBuilder(PostgresDatabase.AppServer) { Database = "ledger_no_such_database", Timeout = 5 }.ConnectionString;

        var (exit, output) = await Run(["--urls", "http://127.0.0.1:0"], PostgresSilo(connection));

        AssertRefusedOnTheFirstLine(exit, output, "Refusing to start: PostgreSQL at 127.0.0.1:5432 has no database 'ledger_no_such_database' (3D000)");
        Assert.DoesNotContain("ledger_app;", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_the_schema_is_refused_on_the_first_line()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            var (exit, output) = await Run(["--urls", "http://127.0.0.1:0"], PostgresSilo(database.AppConnectionString));

            AssertRefusedOnTheFirstLine(exit, output, $"Refusing to start: The database schema is at version 0; this silo needs version {Ledger.Schema.PostgresSchema.Version}.");
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_personal_data_key_regenerated_under_its_id_is_refused_on_the_first_line_without_either_key()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await database.ApplySchemaAsync();
            var first = new Ledger.Grains.Privacy.PersonalDataProtector("test", new Dictionary<string, byte[]> { ["test"] = Convert.FromBase64String(SiloProcess.PersonalDataKey) });
            await Ledger.Silo.Storage.DatabaseStartupCheck.RequireUsableAsync(database.AppConnectionString, first);
            const string regenerated = "cmVnZW5lcmF0ZWQtcGVyc29uYWwtZGF0YS1rZXktMzI=";
            var settings = PostgresSilo(database.AppConnectionString);
            settings["Ledger__PersonalData__Keys__test"] = regenerated;

            var (exit, output) = await Run(["--urls", "http://127.0.0.1:0"], settings);

            AssertRefusedOnTheFirstLine(exit, output, "Refusing to start: Ledger:PersonalData:Keys:test is not the key first used under id 'test' (recorded ");
            Assert.DoesNotContain(regenerated, output, StringComparison.Ordinal);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>The PostgreSQL mode with everything else in order, on free ports.</summary>
    private static Dictionary<string, string> PostgresSilo(string connection) => new()
    {
        ["ConnectionStrings__Ledger"] = connection,
        ["Ledger__SiloPort"] = LedgerApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
        ["Ledger__ApiKeys__0__Key"] = Secret, ["Ledger__ApiKeys__0__Role"] = "operator",
        ["Ledger__PersonalData__CurrentKeyId"] = "test", ["Ledger__PersonalData__Keys__test"] = SiloProcess.PersonalDataKey,
    };

    /// <summary>
    /// A clean refusal whose reason is what the operator reads first (an orchestrator's log shows the
    /// start of each attempt), not the last of a page of Orleans lifecycle errors.
    /// </summary>
    private static void AssertRefusedOnTheFirstLine(int exit, string output, string firstLineStart)
    {
        AssertRefusedCleanly(exit, output);
        var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        Assert.True(first.StartsWith(firstLineStart, StringComparison.Ordinal), $"first line '{first}', expected it to start with '{firstLineStart}'; output:\n{output}");
        Assert.DoesNotContain(SiloProcess.PersonalDataKey, output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every refusal ends the same way: exit code 1 and its reason, never .NET's unhandled-exception
    /// abort (exit 134, SIGABRT) with a stack trace.
    /// </summary>
    private static void AssertRefusedCleanly(int exit, string output)
    {
        Assert.True(exit == StartupRefusal.ExitCode, $"exit code {exit}, expected {StartupRefusal.ExitCode}; output:\n{output}");
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", output);
    }

    private static async Task<(int Exit, string Output)> Run(string[] arguments, Dictionary<string, string> environment)
    {
        using var process = SiloProcess.StartBare(arguments, environment);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the silo was expected to stop by itself within 180 s; its output:\n{output}");
        }
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}

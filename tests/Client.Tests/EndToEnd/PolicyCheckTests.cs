using Ledger.Client.Cli;
using Ledger.Policy.Loading;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Client.Tests.EndToEnd;

/// <summary><c>ledger policy check FOLDER</c> against a real silo running the shipped policies.</summary>
[Trait("Category", "EndToEnd")]
[Collection(SiloCollection.Name)]
public sealed class PolicyCheckTests(SiloFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _folder = PolicyFolders.CopyShipped();

    private async Task<(int Exit, string Out, string Error)> CheckAsync(string key, string folder, TimeProvider? time = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await LedgerCommandLine.RunAsync(CliContext.Plain(output, error, time: time), ["--url", fixture.Silo.Url.ToString(), "--key", key, "policy", "check", folder]);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The shipped Fujian file has 上年 figures to 2024. On 2026-12-01 (China) the check warns that, with
    /// these files, Fujian's settlements of 2026 and of 2027 are refused, naming regions and values; the
    /// files are valid all the same (exit 0, the diff as usual).
    /// </summary>
    [Fact]
    public async Task Values_the_folder_lacks_for_this_year_and_the_next_are_warned_of_without_failing_the_check()
    {
        var (exit, output, error) = await CheckAsync(SiloProcess.OperatorKey, _folder.FullName, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8))));

        Assert.Equal(0, exit);
        var regions = "35, 3501, 350128, 3502, 3503, 3504, 3505, 3506, 3507, 3508, 3509";
        Assert.Equal(
        [
            $"warning: with these files, settlements of 2026 are refused (422): fujian-2022 (fujian-2022.yaml) regions {regions}: parameters.residents_income has no value for 2026; parameters.rural_income has no value for 2026",
            $"warning: with these files, settlements of 2027 are refused (422): fujian-2022 (fujian-2022.yaml) regions {regions}: parameters.residents_income has no value for 2027; parameters.rural_income has no value for 2027",
        ], error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("no differences: the folder holds exactly the values running", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }

    /// <summary>2022 and 2023: every shipped policy in force then (Fujian, Jinhua, Liangshan) has its figures for both years.</summary>
    [Fact]
    public async Task A_folder_with_the_figures_of_this_year_and_the_next_warns_of_nothing()
    {
        var (exit, _, error) = await CheckAsync(SiloProcess.OperatorKey, _folder.FullName, new FakeTimeProvider(new DateTimeOffset(2022, 6, 1, 9, 0, 0, TimeSpan.FromHours(8))));

        Assert.Equal((0, ""), (exit, error));
    }

    [Fact]
    public async Task The_folder_the_silo_runs_differs_in_nothing()
    {
        var (exit, output, error) = await CheckAsync(SiloProcess.OperatorKey, _folder.FullName);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"{_folder.FullName}: {Directory.GetFiles(_folder.FullName, "*.yaml").Length} policies valid, checked as a silo checks them at start (", lines[0], StringComparison.Ordinal);
        Assert.Equal($"{fixture.Silo.Url.ToString().TrimEnd('/')}: {Directory.GetFiles(_folder.FullName, "*.yaml").Length} policies running; no differences: the folder holds exactly the values running", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task A_new_years_values_are_listed_value_by_value_as_the_year_becomes_computable()
    {
        var next = PolicyFolders.AddNewYear(_folder, "35");
        var running = PolicyListing.Of(PolicyLoader.LoadDirectory(PolicyFolders.Shipped)).Single(policy => policy.File == next.PolicyFile);
        // A yearly figure holds for its own year only: the running catalogue refuses the new year, so
        // each of the year's values goes from absent to its figure, and the refusal ends.
        Assert.DoesNotContain(running.Values, value => value.From.Year == next.Year && !value.Key.EndsWith(PolicyListing.Refused, StringComparison.Ordinal));

        var (exit, output, error) = await CheckAsync(SiloProcess.OperatorKey, _folder.FullName);

        Assert.True(exit == 0, error);
        var changes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith("  ", StringComparison.Ordinal)).ToList();
        foreach (var (parameter, value) in next.Values)
        {
            Assert.Contains($"  {running.Id}  parameters.{parameter}  {next.Year}-01-01..{next.Year}-12-31  (absent) -> {value}  (past)", changes);
        }
        // The year becomes computable for that policy alone: every change is its own, and of that year;
        // only the refusals (the province's and each city's) go, and nothing is still refused.
        Assert.All(changes, line => Assert.Contains($"  {running.Id}  ", line, StringComparison.Ordinal));
        Assert.All(changes, line => Assert.Contains($"  {next.Year}-01-01..{next.Year}-12-31  ", line, StringComparison.Ordinal));
        var ended = changes.Where(line => !line.Contains("  (absent) -> ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ended);
        Assert.All(ended, line => Assert.Matches($@"^  {running.Id}  ([0-9]+:)?{PolicyListing.Refused}  .* has no value for the year -> \(absent\)  \(past\)$", line));
        Assert.DoesNotContain(output.Split('\n'), line => line.Contains("still refused", StringComparison.Ordinal));
        Assert.Contains(output.Split('\n'), line => line.StartsWith("(past): takes effect on a day already begun.", StringComparison.Ordinal));
    }

    /// <summary>
    /// Part of a new year (one of Fujian's two 上年 figures): the year is still refused, and the check
    /// says so, naming the figure and the year, besides the value it adds.
    /// </summary>
    [Fact]
    public async Task A_new_year_added_in_part_lists_its_value_and_what_the_year_still_lacks()
    {
        var fujian = Path.Combine(_folder.FullName, "fujian-2022.yaml");
        var text = await File.ReadAllTextAsync(fujian);
        var last = text.IndexOf("      - { from: 2024-01-01, value: 26722,", StringComparison.Ordinal);
        Assert.True(last > 0, "fujian-2022.yaml: rural_income's 2024 entry");
        var next = text.IndexOf('\n', last) + 1;
        await File.WriteAllTextAsync(fujian, text.Insert(next, "      - { from: 2025-01-01, value: 28000, assumed: \"roll-out test\" }\n"));

        var (exit, output, error) = await CheckAsync(SiloProcess.OperatorKey, _folder.FullName);

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lacks = "parameters.residents_income has no value for";
        Assert.Equal(
        [
            $"{fixture.Silo.Url.ToString().TrimEnd('/')}: 5 policies running; 2 change(s) in 1 policy(ies) (running -> proposed):",
            "  fujian-2022  parameters.rural_income  2025-01-01..2025-12-31  (absent) -> 28000  (past)",
            $"  fujian-2022  refused  2025-01-01..2025-12-31  {lacks} the year; parameters.rural_income has no value for the year -> {lacks} the year  (past)",
            $"  still refused after the roll-out: fujian-2022 2025-01-01..2025-12-31: {lacks} 2025; settlements of those days are refused until the files have it",
        ], lines[1..^1]);
        Assert.StartsWith("(past): takes effect on a day already begun.", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_folder_prints_what_start_up_would_refuse_and_exits_2()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "broken.yaml"), "id: broken\nregions: [\"9\"]\n");
        var expected = Assert.Throws<PolicyLoadException>(() => PolicyLoader.LoadDirectory(_folder.FullName)).Problems;

        var (exit, output, error) = await CheckAsync(SiloProcess.OperatorKey, _folder.FullName);

        Assert.Equal((ExitCodes.Usage, ""), (exit, output));
        Assert.Equal([.. expected, $"error: {_folder.FullName}: {expected.Count} problem(s); a silo would refuse to start with these files"],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Only_operators_may_read_the_running_catalogue()
    {
        var (exit, _, error) = await CheckAsync(SiloProcess.FeedKey, _folder.FullName);

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("403", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}

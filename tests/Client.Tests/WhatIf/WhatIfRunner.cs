using Ledger.Client.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Ledger.Client.Tests.WhatIf;

/// <summary>Runs <c>ledger what-if</c> (and <c>simulate</c>) in-process with a fixed clock, in a folder of its own.</summary>
internal sealed class WhatIfRunner : IDisposable
{
    public static readonly string Golden = System.IO.Path.Combine(AppContext.BaseDirectory, "policies", "golden", "what-if");

    public static readonly string AssistanceCase = System.IO.Path.Combine(Golden, "fujian-assistance-ratio");

    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("ledger-what-if-tests-").FullName;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 1, 15, 9, 30, 0, TimeSpan.Zero));

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    public Task<int> RunAsync(params string[] args) =>
        LedgerCommandLine.RunAsync(CliContext.Plain(_out, _error, time: Clock), args);

    /// <summary>With a fake server instead of the network, and the quick retry timings.</summary>
    public Task<int> RunAsync(Fakes.FakeHandler handler, params string[] args) =>
        LedgerCommandLine.RunAsync(CliContext.Plain(_out, _error, () => handler, Fakes.Quick.Retry, Clock), args);

    public string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    public string File(string name, string content)
    {
        var path = Path(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The rows of report.csv (without the BOM), split at commas: the rows the tests look up have no quoted cell.</summary>
    public static IReadOnlyList<string[]> CsvRows(string reportDirectory) =>
        System.IO.File.ReadAllText(System.IO.Path.Combine(reportDirectory, "report.csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();

    /// <summary>The before, after and difference of one row, found by section, group, subject and measure.</summary>
    public static (string Before, string After, string Difference) Row(IReadOnlyList<string[]> rows, string section, string group, string subject, string measure)
    {
        var row = rows.SingleOrDefault(cells => cells[0] == section && cells[1] == group && cells[2] == subject && cells[3] == measure)
            ?? throw new Xunit.Sdk.XunitException($"report.csv has no row {section},{group},{subject},{measure}");
        return (row[4], row[5], row[6]);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

namespace Ledger.Client.Tests.WhatIf;

/// <summary>
/// Every what-if golden case in <c>policies/golden/what-if/</c>: a small feed (settlements.csv and
/// persons.ndjson), a frozen baseline folder and a changed file, and the expected difference table
/// (expected.csv: the report.csv rows of the sections it lists), compared exactly.
/// </summary>
public sealed class GoldenWhatIfTests
{
    public static TheoryData<string> Cases() => new(System.IO.Directory.GetDirectories(WhatIfRunner.Golden).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Golden_what_if_reports_the_expected_differences(string name)
    {
        var folder = Path.Combine(WhatIfRunner.Golden, name);
        using var runner = new WhatIfRunner();
        var exit = await runner.RunAsync("what-if", "--baseline", Path.Combine(folder, "baseline"), "--changed", Path.Combine(folder, "changed.yaml"),
            "--feed", Path.Combine(folder, "settlements.csv"), "--persons", Path.Combine(folder, "persons.ndjson"), "--out", runner.Path("out"));
        Assert.True(exit == 0, runner.Error);

        var expected = File.ReadAllLines(Path.Combine(folder, "expected.csv"));
        var sections = expected.Skip(1).Select(line => line.Split(',')[0]).ToHashSet();
        var actual = File.ReadAllText(runner.Path("out", "report.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var compared = actual.Take(1).Concat(actual.Skip(1).Where(line => sections.Contains(line.Split(',')[0]))).ToList();
        Assert.Equal(expected, compared);
    }
}

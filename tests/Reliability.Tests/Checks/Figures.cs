using Xunit.Abstractions;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>
/// One logfmt line per scenario ("reliability scenario=… settlements_fed=… lost=…"), printed to the
/// test output and appended to <c>reliability-figures.log</c> beside the test binaries, where
/// <c>docs/reliability.md</c> takes its figures from.
/// </summary>
public static class Figures
{
    public static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "reliability-figures.log");

    public static void Report(ITestOutputHelper output, string scenario, params (string Name, object Value)[] figures)
    {
        var line = $"{DateTimeOffset.UtcNow:O} reliability scenario={scenario} " + string.Join(' ', figures.Select(figure => $"{figure.Name}={figure.Value}"));
        output.WriteLine(line);
        lock (FilePath)
        {
            File.AppendAllLines(FilePath, [line]);
        }
    }

    public static (string, object)[] Of(Verdict verdict) =>
    [
        ("settlements_fed", verdict.SettlementsFed), ("lost", verdict.Lost), ("double_counted", verdict.DoubleCounted),
        ("open_levels_expected", verdict.OpenLevelsExpected), ("open_levels_missing", verdict.OpenLevelsMissing),
        ("open_levels_unexpected", verdict.OpenLevelsExtra), ("resent_answered_duplicate", verdict.ResentDuplicate),
    ];
}

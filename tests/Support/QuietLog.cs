using System.Text.RegularExpressions;
using Xunit;

namespace Ledger.Tests.Support;

/// <summary>
/// The warnings and errors of a silo's plain-text console log, each as its header and first message
/// line ("warn: Category[id] message"): what an operator would be alarmed by.
/// </summary>
public static partial class QuietLog
{
    public const string ShuttingDown = "Application is shutting down...";
    public const string Started = "Application started.";

    /// <summary>Every warning, error and critical entry of <paramref name="lines"/>, with its message's first line and the exception's.</summary>
    public static IReadOnlyList<string> Alarming(IReadOnlyList<string> lines) =>
        lines.Select((line, index) => (line, index)).Where(entry => Header().IsMatch(entry.line))
            .Select(entry => string.Join(" | ", lines.Skip(entry.index).Take(3).Select(line => line.Trim()))).ToList();

    /// <summary>Fails naming every entry when there is one.</summary>
    public static void AssertNone(IReadOnlyList<string> entries, string when) =>
        Assert.True(entries.Count == 0, $"{entries.Count} warning(s) or error(s) {when}:\n{string.Join("\n", entries)}");

    /// <summary>The entries of a planned stop: from the host's "shutting down" on.</summary>
    public static IReadOnlyList<string> AlarmingWhileStopping(string log)
    {
        var lines = log.Split('\n');
        var from = Array.FindIndex(lines, line => line.Contains(ShuttingDown, StringComparison.Ordinal));
        Assert.True(from >= 0, $"the log has no '{ShuttingDown}' line:\n{log}");
        return Alarming(lines[from..]);
    }

    /// <summary>The entries of a start: until the host's "Application started".</summary>
    public static IReadOnlyList<string> AlarmingWhileStarting(string log)
    {
        var lines = log.Split('\n');
        var until = Array.FindIndex(lines, line => line.Contains(Started, StringComparison.Ordinal));
        Assert.True(until >= 0, $"the log has no '{Started}' line:\n{log}");
        return Alarming(lines[..until]);
    }

    /// <summary>
    /// The entries but Orleans' failure detector's probe timeouts ("Did not get response for probe"): on two
    /// shared cores a silo busy starting can leave a probe unanswered for its one second. That is the
    /// detector doing its job, not noise of ours, so a scenario under load may allow it, and nothing else.
    /// </summary>
    public static IReadOnlyList<string> ExceptProbeTimeouts(IReadOnlyList<string> entries) =>
        entries.Where(entry => !entry.Contains("Did not get response for probe", StringComparison.Ordinal)).ToList();

    [GeneratedRegex("^(warn|fail|crit): ")]
    private static partial Regex Header();
}

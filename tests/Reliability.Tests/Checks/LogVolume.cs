using System.Text;
using System.Text.RegularExpressions;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>
/// How much a silo wrote in a span and what it was: lines and bytes, warning and error entries, stack
/// frames, and lines naming a settlement or person of the feed (which transport warnings must not).
/// </summary>
public sealed partial record LogVolume(int Lines, long Bytes, int WarningsAndErrors, int StackFrames, int LinesNamingFeedIds)
{
    public static LogVolume Of(IReadOnlyList<string> lines, string feedIdPrefix)
    {
        var idPattern = new Regex($"[SPH]{Regex.Escape(feedIdPrefix)}-[0-9-]+", RegexOptions.CultureInvariant);
        return new LogVolume(
            lines.Count,
            lines.Sum(line => (long)Encoding.UTF8.GetByteCount(line) + 1),
            lines.Count(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
                || line.StartsWith("crit:", StringComparison.Ordinal) || JsonLevel().IsMatch(line)),
            lines.Count(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal) || line.Contains("\\n   at ", StringComparison.Ordinal)),
            lines.Count(idPattern.IsMatch));
    }

    /// <summary>The last <paramref name="max"/> warnings and errors of a log, each as its header and first message line: what a failure message shows.</summary>
    public static string LastWarnings(string log, int max = 30) =>
        string.Join('\n', Last(log, ["warn:", "fail:"], max, 2).Select(entry => string.Join(' ', entry.Select((line, i) => i == 0 ? line : line.Trim()))));

    /// <summary>The last errors (<c>fail:</c>) in a console log, each with the lines of its message and stack that follow.</summary>
    public static string LastErrors(string log, int max = 5, int linesEach = 12) =>
        string.Join("\n---\n", Last(log, ["fail:"], max, linesEach).Select(entry => string.Join('\n', entry)));

    /// <summary>The last <paramref name="max"/> log entries whose header starts with one of <paramref name="levels"/>, each as up to <paramref name="linesEach"/> lines from its header.</summary>
    private static IEnumerable<string[]> Last(string log, string[] levels, int max, int linesEach)
    {
        var lines = log.Split('\n');
        return Enumerable.Range(0, lines.Length)
            .Where(i => levels.Any(level => lines[i].StartsWith(level, StringComparison.Ordinal)))
            .TakeLast(max)
            .Select(i => lines[i..Math.Min(lines.Length, i + linesEach)]);
    }

    public (string, object)[] Figures(string prefix) =>
    [
        ($"{prefix}_lines", Lines), ($"{prefix}_bytes", Bytes), ($"{prefix}_warnings_errors", WarningsAndErrors),
        ($"{prefix}_stack_frames", StackFrames), ($"{prefix}_lines_naming_feed_ids", LinesNamingFeedIds),
    ];

    [GeneratedRegex("\"LogLevel\":\"(Warning|Error|Critical)\"")]
    private static partial Regex JsonLevel();
}

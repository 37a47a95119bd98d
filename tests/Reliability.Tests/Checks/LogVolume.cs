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
    public static string LastWarnings(string log, int max = 30)
    {
        var lines = log.Split('\n');
        var warnings = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal))
            {
                warnings.Add(i + 1 < lines.Length ? $"{lines[i]} {lines[i + 1].Trim()}" : lines[i]);
            }
        }
        return string.Join('\n', warnings.TakeLast(max));
    }

    /// <summary>The last errors (<c>fail:</c>) in a console log, each with the lines of its message and stack that follow.</summary>
    public static string LastErrors(string log, int max = 5, int linesEach = 12)
    {
        var lines = log.Split('\n');
        var errors = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("fail:", StringComparison.Ordinal))
            {
                errors.Add(string.Join('\n', lines.Skip(i).Take(linesEach)));
            }
        }
        return string.Join("\n---\n", errors.TakeLast(max));
    }

    public (string, object)[] Figures(string prefix) =>
    [
        ($"{prefix}_lines", Lines), ($"{prefix}_bytes", Bytes), ($"{prefix}_warnings_errors", WarningsAndErrors),
        ($"{prefix}_stack_frames", StackFrames), ($"{prefix}_lines_naming_feed_ids", LinesNamingFeedIds),
    ];

    [GeneratedRegex("\"LogLevel\":\"(Warning|Error|Critical)\"")]
    private static partial Regex JsonLevel();
}

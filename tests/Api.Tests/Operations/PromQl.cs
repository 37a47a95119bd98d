using System.Text.RegularExpressions;

namespace Ledger.Api.Tests.Operations;

/// <summary>The metric names a PromQL expression reads (not its functions, label names or keywords).</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = ["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"];

    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var bare = Strings().Replace(expression, "");
        bare = LabelMatchers().Replace(bare, " ");
        bare = Ranges().Replace(bare, " ");
        bare = Groupings().Replace(bare, " ");
        return Identifiers().Matches(bare)
            .Where(match => !Keywords.Contains(match.Value) && !IsCall(bare, match.Index + match.Length))
            .Select(match => match.Value).ToHashSet();
    }

    private static bool IsCall(string text, int end)
    {
        while (end < text.Length && char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        return end < text.Length && text[end] == '(';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}

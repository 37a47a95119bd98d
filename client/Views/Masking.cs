using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ledger.Client.Views;

/// <summary>
/// The client never prints a name or ID-card number in the clear. The server masks them; this is the
/// second line of defence, for a server (or proxy) that did not: a value without a '*' is masked here.
/// </summary>
public static partial class Masking
{
    public static readonly string[] PersonalFields = ["psn_name", "certno"];

    public static string? Guard(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Contains('*'))
        {
            return value;
        }
        var runes = value.EnumerateRunes().Select(rune => rune.ToString()).ToList();
        return runes.Count switch
        {
            1 => "*",
            2 => runes[0] + "*",
            _ => runes[0] + new string('*', runes.Count - 2) + runes[^1],
        };
    }

    /// <summary>Masks personal fields anywhere in a JSON document; true when something had to be masked.</summary>
    public static bool GuardJson(JsonNode? node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (PersonalFields.Contains(name) && child is JsonValue value && value.TryGetValue<string>(out var text) && Guard(text) is { } masked && masked != text)
                    {
                        obj[name] = masked;
                        changed = true;
                    }
                    else
                    {
                        changed |= GuardJson(child);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    changed |= GuardJson(child);
                }
                break;
        }
        return changed;
    }

    /// <summary>
    /// Masks anything shaped like a resident ID-card number (18 characters, or the old 15 digits) in
    /// free text from the server, such as a validation message that quotes the value it refused.
    /// </summary>
    public static string ScrubIdNumbers(string text) =>
        IdNumber().Replace(text, match => Guard(match.Value)!);

    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();
}

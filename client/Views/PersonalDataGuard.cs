using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ledger.Shared;

namespace Ledger.Client.Views;

/// <summary>
/// The client never prints a name or ID-card number in the clear. The server masks them; this is the
/// second line of defence, for a server (or proxy) that did not. It applies the server's own rule
/// (<see cref="Masking"/>), which leaves a value the server masked as it is.
/// </summary>
public static partial class PersonalDataGuard
{
    /// <summary>Masks personal fields anywhere in a JSON document; true when something had to be masked.</summary>
    public static bool GuardJson(JsonNode? node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (Mask(name) is { } mask && child is JsonValue value && value.TryGetValue<string>(out var text) && mask(text) is { } masked && masked != text)
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
        IdNumber().Replace(text, match => Masking.Certno(match.Value)!);

    private static Func<string?, string?>? Mask(string field) => field switch
    {
        "psn_name" => Masking.Name,
        "certno" => Masking.Certno,
        _ => null,
    };

    [GeneratedRegex(@"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();
}

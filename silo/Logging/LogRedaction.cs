using System.Text.RegularExpressions;

namespace Ledger.Silo.Logging;

/// <summary>
/// Takes grain ids and message bodies out of warnings. Orleans describes a failed call as
/// <c>Request [silo grain]-&gt;[silo household/H-1] IHouseholdGrain.RecordFor(…) #id</c> and a response
/// with its whole body (a settlement result: amounts and ids); an activation as
/// <c>[Activation: silo/person/P-1@…]</c>. Operators need the silo and the kind of failure, not whose
/// settlement it was: the silo addresses stay, the grain keys and bodies go. A warning about
/// transport (<see cref="IsTransport"/>) of our own code also loses the arguments that name a
/// settlement, person or household or carry an amount (<see cref="IsWithheld"/>).
/// </summary>
public static partial class LogRedaction
{
    public const string Withheld = "…";

    public static string Scrub(string text)
    {
        if (text.IndexOf('/') < 0 && text.IndexOf('[') < 0)
        {
            return text;
        }
        text = OrleansMessage().Replace(text, match => $"{match.Groups["direction"].Value} to {Silo(match.Groups["target"].Value)}{Withheld}");
        text = Activation().Replace(text, match => $"[Activation on {match.Groups["silo"].Value}]");
        return GrainId().Replace(text, match => $"{match.Groups["type"].Value}/{Withheld}");
    }

    private static string Silo(string address) => address.Length == 0 ? "" : address + " ";

    /// <summary>A failure to reach a silo or the network, anywhere in the exception's chain; or anything Orleans logs.</summary>
    public static bool IsTransport(string category, Exception? error)
    {
        if (category.StartsWith("Orleans.", StringComparison.Ordinal))
        {
            return true;
        }
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is SiloUnavailableException or OrleansMessageRejectionException or System.Net.Sockets.SocketException
                || current.GetType().Name.Contains("Connection", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Argument names that identify a settlement, person or household or carry money: <c>HouseholdId</c>, <c>PsnNo</c>, <c>SetlId</c>, <c>…Amt</c>, <c>…Pay</c>.</summary>
    public static bool IsWithheld(string argument) => WithheldArgument().IsMatch(argument);

    /// <summary>The template with its arguments filled in, those <see cref="IsWithheld"/> as "…".</summary>
    public static string Render(string template, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var byName = values.Where(pair => pair.Key != "{OriginalFormat}").GroupBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First().Value, StringComparer.OrdinalIgnoreCase);
        return Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            return IsWithheld(name) ? Withheld
                : byName.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : match.Value;
        });
    }

    [GeneratedRegex(@"(Id|No|Amt|Amount|Pay|Result|Settlement)$", RegexOptions.CultureInvariant)]
    private static partial Regex WithheldArgument();

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    // "{Direction} [{SendingSilo} {SendingGrain}]->[{TargetSilo} {TargetGrain}] {Body} #{CorrelationId}[ForwardCount=n]"
    [GeneratedRegex(@"(?<direction>Request|Response|OneWay) \[[^\]]*\]->\[(?<target>S[^\s\]]*)?\s*[^\]]*\].*? #[0-9A-Fa-f]+(\[ForwardCount=\d+\])?", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex OrleansMessage();

    // "[Activation: {Silo}/{GrainId}@{ActivationId}#{Info} State={State}]"
    [GeneratedRegex(@"\[Activation: (?<silo>S[^/\s\]]*)/[^\]]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Activation();

    // A grain id "{type}/{key}" standing on its own (after a space, bracket, parenthesis or quote).
    [GeneratedRegex(@"(?<=[\s\[('""])(?<type>[a-z][a-z0-9.]*)/(?!/)[^\s\]\)'"",]+", RegexOptions.CultureInvariant)]
    private static partial Regex GrainId();
}

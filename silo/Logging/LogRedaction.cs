using System.Text.RegularExpressions;

namespace Ledger.Silo.Logging;

/// <summary>
/// Takes grain ids and message bodies out of warnings. Orleans describes a failed call as
/// <c>Request [silo grain]-&gt;[silo household/H-1] IHouseholdGrain.RecordFor(…) #id</c> and a response
/// with its whole body (a settlement result: amounts and ids); an activation as
/// <c>[Activation: silo/person/P-1@…]</c>. Operators need the silo and the kind of failure, not whose
/// settlement it was: the silo addresses stay, the grain keys and bodies go.
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

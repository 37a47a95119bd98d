using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>One value of a policy over the days it holds (<see cref="Until"/> null: open-ended).</summary>
public sealed record PolicyValue(string Key, DateOnly From, DateOnly? Until, string Value);

/// <summary>
/// A policy as operators compare it: where and when it is in force, and every number and setting the
/// engine uses, each with the dates it holds. Built from the compiled catalogue (what the engine
/// really runs on, after validation and date resolution), not from the YAML text, so a comment or a
/// reordered key is no change and a changed number always is.
/// </summary>
public sealed record PolicyListing(string Id, string Title, string File, IReadOnlyList<string> Regions, DateOnly From, DateOnly? Until, IReadOnlyList<PolicyValue> Values)
{
    public static IReadOnlyList<PolicyListing> Of(PolicyCatalogue catalogue) =>
        catalogue.Policies.OrderBy(policy => policy.Id, StringComparer.Ordinal).Select(Of).ToList();

    /// <summary>Key of the value that says a span is refused, and what the policy lacks there.</summary>
    public const string Refused = "refused";

    /// <summary>
    /// The values of the policy's own regions, then those a narrower region holds differently (a city's
    /// own income, say), named with its prefix ("3501:critical.deductible"). A span the policy refuses
    /// (a year whose 上年 figures are not all there) lists the parameters it has and, under
    /// <see cref="Refused"/>, what it lacks: a year added in part is visible before it is in force.
    /// </summary>
    public static PolicyListing Of(CompiledPolicy policy)
    {
        var own = policy.Regions.FirstOrDefault(region => policy.RegionPrefixes.Contains(region.Prefix)) ?? policy.Regions[^1];
        var values = ValuesOf(own);
        var common = values.ToHashSet();
        foreach (var region in policy.Regions.Where(region => region != own))
        {
            var prefix = region.Prefix + ":";
            values.AddRange(ValuesOf(region).Where(value => !common.Contains(value)).Select(value => value with { Key = prefix + value.Key }));
        }
        var title = policy.Title;
        var keyOrder = values.Select(value => value.Key).Distinct().Select((key, index) => (key, index)).ToDictionary(pair => pair.key, pair => pair.index, StringComparer.Ordinal);
        var ordered = values.OrderBy(value => keyOrder[value.Key]).ThenBy(value => value.From).ToList();
        return new PolicyListing(policy.Id, title, policy.File, policy.RegionPrefixes, policy.From, OpenEnded(policy.Until), ordered);
    }

    /// <summary>Every span of the region in date order, computable or refused, with its values.</summary>
    private static List<PolicyValue> ValuesOf(RegionVersions region)
    {
        var spans = region.Versions.Select(version => (version.From, version.Until, Values: PolicyValues.Of(version)))
            .Concat(region.Refusals.Select(refusal => (refusal.From, refusal.Until, Values: RefusedValues(refusal))))
            .OrderBy(span => span.From);
        var values = new List<PolicyValue>();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (from, until, pairs) in spans)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in pairs)
            {
                seen.Add(key);
                // A value unchanged since the span before extends its span instead of starting a new one.
                if (open.TryGetValue(key, out var index) && values[index].Value == value && values[index].Until?.AddDays(1) == from)
                {
                    values[index] = values[index] with { Until = OpenEnded(until) };
                    continue;
                }
                open[key] = values.Count;
                values.Add(new PolicyValue(key, from, OpenEnded(until), value));
            }
            foreach (var gone in open.Keys.Where(key => !seen.Contains(key)).ToList())
            {
                open.Remove(gone);
            }
        }
        return values;
    }

    /// <summary>
    /// A refused span's parameters, and what it lacks: "parameters.residents_income has no value for the
    /// year" (the span says which year, the key's prefix which region), so the text changes neither with
    /// the span's length nor from one city to the next when they all lack the same figure.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> RefusedValues(Refusal refusal) =>
        refusal.Parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => ("parameters." + pair.Key, PolicyValues.Number(pair.Value)))
            .Append((Refused, string.Join("; ", refusal.Gaps.Select(Lacks).Distinct())));

    private static string Lacks(string gap) =>
        PolicyGap.ByRegionEntry().Replace(gap, "").Replace("{year}", "the year", StringComparison.Ordinal);

    private static DateOnly? OpenEnded(DateOnly until) => until == DateOnly.MaxValue ? null : until;
}

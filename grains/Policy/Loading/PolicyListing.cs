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

    /// <summary>
    /// The values of the policy's own regions, then those a narrower region holds differently (a city's
    /// own income, say), named with its prefix ("3501:critical.deductible").
    /// </summary>
    public static PolicyListing Of(CompiledPolicy policy)
    {
        var own = policy.Regions.FirstOrDefault(region => policy.RegionPrefixes.Contains(region.Prefix)) ?? policy.Regions[^1];
        var values = ValuesOf(own.Versions, "");
        var common = values.ToHashSet();
        foreach (var region in policy.Regions.Where(region => region != own))
        {
            var prefix = region.Prefix + ":";
            values.AddRange(ValuesOf(region.Versions, "").Where(value => !common.Contains(value)).Select(value => value with { Key = prefix + value.Key }));
        }
        var title = policy.Title;
        var keyOrder = values.Select(value => value.Key).Distinct().Select((key, index) => (key, index)).ToDictionary(pair => pair.key, pair => pair.index, StringComparer.Ordinal);
        var ordered = values.OrderBy(value => keyOrder[value.Key]).ThenBy(value => value.From).ToList();
        return new PolicyListing(policy.Id, title, policy.File, policy.RegionPrefixes, policy.From, OpenEnded(policy.Until), ordered);
    }

    private static List<PolicyValue> ValuesOf(IEnumerable<PolicyVersion> versions, string prefix)
    {
        var values = new List<PolicyValue>();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in PolicyValues.Of(version))
            {
                var key = prefix + name;
                seen.Add(key);
                // A value unchanged since the version before extends its span instead of starting a new one.
                if (open.TryGetValue(key, out var index) && values[index].Value == value && values[index].Until?.AddDays(1) == version.From)
                {
                    values[index] = values[index] with { Until = OpenEnded(version.Until) };
                    continue;
                }
                open[key] = values.Count;
                values.Add(new PolicyValue(key, version.From, OpenEnded(version.Until), value));
            }
            foreach (var gone in open.Keys.Where(key => !seen.Contains(key)).ToList())
            {
                open.Remove(gone);
            }
        }
        return values;
    }

    private static DateOnly? OpenEnded(DateOnly until) => until == DateOnly.MaxValue ? null : until;
}

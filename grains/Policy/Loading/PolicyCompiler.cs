using Ledger.Policy.Engine;
using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>A validated policy file: where and when it is in force, and its versions per region.</summary>
public sealed record CompiledPolicy(
    string Id, string Title, string File, string[] RegionPrefixes, DateOnly From, DateOnly Until, RegionVersions[] Regions)
{
    public bool InForceOn(DateOnly day) => day >= From && day <= Until;
}

/// <summary>
/// A policy for the region codes under <see cref="Prefix"/>: its versions by date span, and the spans
/// it refuses because a value is missing there (a year without its 上年 figure, a city without its own).
/// </summary>
public sealed record RegionVersions(string Prefix, PolicyVersion[] Versions, Refusal[] Refusals)
{
    /// <summary>The version that computes <paramref name="day"/>, or null when the day is refused or outside the policy.</summary>
    public PolicyVersion? VersionOn(DateOnly day) => Versions.FirstOrDefault(version => day >= version.From && day <= version.Until);

    /// <summary>The refusal covering <paramref name="day"/>, or null when a version computes it or it is outside the policy.</summary>
    public Refusal? RefusalOn(DateOnly day) => Refusals.FirstOrDefault(refusal => day >= refusal.From && day <= refusal.Until);
}

/// <summary>
/// Days on which a policy is in force but cannot compute: the values it lacks, each a key and why
/// (<c>{year}</c> standing for the day's year), and the parameters it does have there (a new year
/// added in part), which operators compare before a roll-out.
/// </summary>
public sealed record Refusal(DateOnly From, DateOnly Until, string[] Gaps)
{
    public IReadOnlyDictionary<string, decimal> Parameters { get; init; } = new Dictionary<string, decimal>();

    /// <summary>What a caller can show: which values the file lacks for that day's year.</summary>
    public string Reason(CompiledPolicy policy, string regionCode, DateOnly date) =>
        $"{policy.Title} ({policy.Id}, {policy.File}) cannot compute a settlement of {date:yyyy-MM-dd} for region {regionCode}: "
        + string.Join("; ", Lacks(date.Year))
        + ". A 上年 (last year's) figure is one dated value per year: add the year's value to the policy file rather than reuse an old one";

    /// <summary>The gaps with the year named: "parameters.rural_income has no value for 2026".</summary>
    public IEnumerable<string> Lacks(int year) =>
        Gaps.Select(gap => gap.Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
}

/// <summary>
/// Validates one parsed policy file and resolves it, for each region a by-region value distinguishes,
/// into one <see cref="PolicyVersion"/> per span between the start dates of its dated values. Every
/// problem names the file and the key.
/// </summary>
internal static class PolicyCompiler
{
    /// <summary>The engine keeps one supplementary fund's usage per person-year.</summary>
    public const int SupplementaryLayersMax = 1;

    public static CompiledPolicy? Compile(string file, PolicyDocument document, List<string> problems)
    {
        var values = new ValueReader(file, document.Parameters ?? []);
        if (string.IsNullOrWhiteSpace(document.Id)) { values.Problem("id", "is missing"); }
        if (string.IsNullOrWhiteSpace(document.Title)) { values.Problem("title", "is missing"); }
        if (string.IsNullOrWhiteSpace(document.Seed)) { values.Problem("seed", "is missing (the seed file the numbers cite)"); }
        var regions = document.Regions ?? [];
        if (regions.Count == 0) { values.Problem("regions", "needs at least one region-code prefix"); }
        foreach (var region in regions.Where(region => !IsPrefix(region)))
        {
            values.Problem("regions", $"'{region}' is not a region-code prefix (2–6 digits)");
        }
        var from = values.Date(document.InForce?.From, "in_force.from") ?? DateOnly.MinValue;
        var until = document.InForce?.Until is null ? DateOnly.MaxValue : values.Date(document.InForce.Until, "in_force.until") ?? DateOnly.MaxValue;
        if (until < from) { values.Problem("in_force.until", "is before in_force.from"); }
        CheckLayerKinds(document.Layers, values);

        var prefixes = Prefixes(document, regions, values);
        // The first reading validates everything and collects every date a value changes on.
        VersionBuilder.Build(document, values, prefixes[0], from, until);
        var starts = values.Boundaries.Where(date => date > from && date <= until).Prepend(from).ToArray();
        var compiled = prefixes.Select(prefix => Compile(document, values, prefix, starts, until)).ToArray();
        problems.AddRange(values.Problems);
        return values.Problems.Count > 0 ? null
            : new CompiledPolicy(document.Id!, document.Title!, file, [.. regions], from, until, compiled);
    }

    private static RegionVersions Compile(PolicyDocument document, ValueReader values, string prefix, DateOnly[] starts, DateOnly until)
    {
        var versions = new List<PolicyVersion>();
        var refusals = new List<Refusal>();
        for (var i = 0; i < starts.Length; i++)
        {
            var end = i + 1 < starts.Length ? starts[i + 1].AddDays(-1) : until;
            var version = VersionBuilder.Build(document, values, prefix, starts[i], end);
            if (values.Missing.Count == 0)
            {
                versions.Add(version);
                continue;
            }
            var gaps = values.Missing.Select(gap => gap.PerYear ? $"{gap.Key} has no value for {{year}}" : $"{gap.Key} {gap.Reason}").ToArray();
            if (refusals.Count > 0 && refusals[^1].Until == starts[i].AddDays(-1) && refusals[^1].Gaps.SequenceEqual(gaps)
                && refusals[^1].Parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal).SequenceEqual(version.Parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal)))
            {
                refusals[^1] = refusals[^1] with { Until = end };
            }
            else
            {
                refusals.Add(new Refusal(starts[i], end, gaps) { Parameters = version.Parameters });
            }
        }
        return new RegionVersions(prefix, [.. versions], [.. refusals]);
    }

    /// <summary>
    /// The region prefixes that need versions of their own: the file's regions, and every by-region key
    /// (which must lie under one of them). Longest first, as the catalogue looks them up.
    /// </summary>
    private static string[] Prefixes(PolicyDocument document, List<string> regions, ValueReader values)
    {
        var keys = new SortedSet<string>(regions.Where(IsPrefix), StringComparer.Ordinal);
        foreach (var (name, parameter) in document.Parameters ?? [])
        {
            foreach (var key in parameter.ByRegion?.Keys ?? Enumerable.Empty<string>())
            {
                if (IsPrefix(key) && !regions.Any(region => key.StartsWith(region, StringComparison.Ordinal)))
                {
                    values.Problem($"parameters.{name}.by_region.{key}", $"lies under none of the file's regions ({string.Join(", ", regions)})");
                }
                else if (IsPrefix(key))
                {
                    keys.Add(key);
                }
            }
        }
        // A file without a valid region has been reported already; one placeholder keeps the reading going.
        return keys.Count == 0 ? ["00"] : [.. keys.OrderByDescending(key => key.Length)];
    }

    private static bool IsPrefix(string region) => region.Length is >= 2 and <= 6 && region.All(char.IsAsciiDigit);

    private static void CheckLayerKinds(List<LayerDocument>? layers, ValueReader values)
    {
        if (layers is null || layers.Count == 0)
        {
            values.Problem("layers", "needs at least one layer");
            return;
        }
        foreach (var kind in layers.GroupBy(layer => layer.Kind).Where(group => group.Count() > (group.Key == "supplementary" ? SupplementaryLayersMax : 1)))
        {
            values.Problem("layers", $"kind '{kind.Key}' appears {kind.Count()} times; the ledger keeps one usage counter per kind");
        }
    }
}

using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>A validated policy file: where and when it is in force, and its versions by date span.</summary>
public sealed record CompiledPolicy(string Id, string File, string[] RegionPrefixes, DateOnly From, DateOnly Until, PolicyVersion[] Versions);

/// <summary>
/// Validates one parsed policy file and resolves it into one <see cref="PolicyVersion"/> per span
/// between the start dates of its dated values. Every problem names the file and the key.
/// </summary>
internal static class PolicyCompiler
{
    /// <summary>The engine keeps one supplementary fund's usage per person-year.</summary>
    public const int SupplementaryLayersMax = 1;

    private static readonly Rule[] ConfigurableRules =
        [Rule.ReturnToPovertyRisk, Rule.ImpoverishmentRisk, Rule.HighCostSettlement, Rule.CoverageBelowTarget];

    public static CompiledPolicy? Compile(string file, PolicyDocument document, List<string> problems)
    {
        var values = new ValueReader(file, document.Parameters ?? []);
        if (string.IsNullOrWhiteSpace(document.Id)) { values.Problem("id", "is missing"); }
        if (string.IsNullOrWhiteSpace(document.Title)) { values.Problem("title", "is missing"); }
        if (string.IsNullOrWhiteSpace(document.Seed)) { values.Problem("seed", "is missing (the seed file the numbers cite)"); }
        var regions = document.Regions ?? [];
        if (regions.Count == 0) { values.Problem("regions", "needs at least one region-code prefix"); }
        foreach (var region in regions.Where(region => region.Length is < 2 or > 6 || !region.All(char.IsAsciiDigit)))
        {
            values.Problem("regions", $"'{region}' is not a region-code prefix (2–6 digits)");
        }
        var from = values.Date(document.InForce?.From, "in_force.from") ?? DateOnly.MinValue;
        var until = document.InForce?.Until is null ? DateOnly.MaxValue : values.Date(document.InForce.Until, "in_force.until") ?? DateOnly.MaxValue;
        if (until < from) { values.Problem("in_force.until", "is before in_force.from"); }
        CheckLayerKinds(document.Layers, values);

        var first = Version(document, values, from, until);
        var starts = values.Boundaries.Where(date => date > from && date <= until).ToList();
        var versions = new List<PolicyVersion> { first };
        foreach (var start in starts)
        {
            versions[^1] = versions[^1] with { Until = start.AddDays(-1) };
            versions.Add(Version(document, values, start, until));
        }
        problems.AddRange(values.Problems);
        return values.Problems.Count > 0 ? null
            : new CompiledPolicy(document.Id!, file, [.. regions], from, until, [.. versions]);
    }

    private static PolicyVersion Version(PolicyDocument document, ValueReader values, DateOnly at, DateOnly until)
    {
        var parameters = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, parameter) in document.Parameters ?? [])
        {
            parameters[name] = values.Number(parameter, "parameters." + name, parameter.Unit ?? "yuan", at);
        }
        var layerReader = new LayerReader(values);
        var layers = (document.Layers ?? []).Select((layer, i) => layerReader.Read(layer, $"layers[{i}]", at))
            .OfType<Layer>().ToArray();
        var ruralIncome = document.Parameters?.TryGetValue("rural_income", out var income) == true
            ? values.Number(income, "parameters.rural_income", "yuan", at) : 0m;
        return new PolicyVersion(document.Id ?? string.Empty, document.Title ?? string.Empty, at, until, ruralIncome,
            layers, Monitoring(document.Monitoring, values, layerReader, at)) { Parameters = parameters };
    }

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

    private static Monitoring Monitoring(MonitoringDocument? monitoring, ValueReader values, LayerReader layers, DateOnly at)
    {
        if (monitoring is null)
        {
            return new Monitoring(0m, []);
        }
        var fraction = monitoring.WarningFraction is null ? 0m
            : values.Number(monitoring.WarningFraction, "monitoring.warning_fraction", "ratio", at);
        var rules = new List<MonitoringRule>();
        foreach (var (rule, i) in (monitoring.Rules ?? []).Select((rule, i) => (rule, i)))
        {
            var key = $"monitoring.rules[{i}]";
            if (!RuleCodes.TryParse(rule.Rule, out var parsed) || !ConfigurableRules.Contains(parsed))
            {
                values.Problem(key + ".rule", $"'{rule.Rule}' is not a monitoring rule a policy lists ({string.Join(", ", ConfigurableRules.Select(RuleCodes.ToCode))}); cap, limit and deductible rules follow the layers");
                continue;
            }
            if (rule.Residence is not (null or "rural"))
            {
                values.Problem(key + ".residence", "may only be 'rural'");
            }
            var unit = parsed == Rule.CoverageBelowTarget ? "ratio" : "yuan";
            rules.Add(new MonitoringRule(parsed, layers.Identities(rule.Identities, key + ".identities", required: false),
                rule.Residence == "rural", values.Number(rule.Threshold, key + ".threshold", unit, at),
                rule.MinimumTotal is null ? 0m : values.Number(rule.MinimumTotal, key + ".minimum_total", "yuan", at)));
        }
        return new Monitoring(fraction, [.. rules]);
    }
}

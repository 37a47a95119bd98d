using Ledger.Policy.Engine;
using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>
/// Resolves a policy file into the plain numbers of one date span for one region. Gaps (a value the
/// file lacks there) are left in <see cref="ValueReader.Missing"/> for the compiler to refuse the span.
/// </summary>
internal static class VersionBuilder
{
    private static readonly Rule[] ConfigurableRules =
        [Rule.ReturnToPovertyRisk, Rule.ImpoverishmentRisk, Rule.HighCostSettlement, Rule.CoverageBelowTarget];

    public static PolicyVersion Build(PolicyDocument document, ValueReader values, string region, DateOnly at, DateOnly until)
    {
        values.BeginVersion(region);
        var parameters = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, parameter) in document.Parameters ?? [])
        {
            // Each parameter's gaps alone: a span the compiler refuses still lists the values it has.
            var earlier = values.Missing.ToArray();
            values.Missing.Clear();
            var number = values.Number(parameter, "parameters." + name, parameter.Unit ?? "yuan", at);
            if (values.Missing.Count == 0)
            {
                parameters[name] = number;
            }
            values.Missing.UnionWith(earlier);
        }
        var sourced = new SourcedReader(values);
        var layerReader = new LayerReader(values, sourced);
        var layers = (document.Layers ?? []).Select((layer, i) => layerReader.Read(layer, $"layers[{i}]", at))
            .OfType<Layer>().ToArray();
        return new PolicyVersion(document.Id ?? string.Empty, document.Title ?? string.Empty, at, until,
            layers, Monitoring(document.Monitoring, values, sourced, at))
        { Parameters = parameters, Targets = Targets(document.Targets, values, sourced, at) };
    }

    private static Targets? Targets(TargetsDocument? targets, ValueReader values, SourcedReader sourced, DateOnly at) =>
        targets is null ? null
            : new Targets(sourced.Who(targets.Who, "targets.who"), values.Number(targets.Coverage, "targets.coverage", "ratio", at),
                values.Number(targets.Burden, "targets.burden", "ratio", at));

    private static Monitoring Monitoring(MonitoringDocument? monitoring, ValueReader values, SourcedReader sourced, DateOnly at)
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
            var unit = parsed == Rule.CoverageBelowTarget ? "ratio" : "yuan";
            var (anyOf, ruralOnly) = sourced.MonitoredWho(rule.Who, key + ".who");
            rules.Add(new MonitoringRule(parsed, anyOf, ruralOnly, values.Number(rule.Threshold, key + ".threshold", unit, at),
                rule.MinimumTotal is null ? 0m : values.Number(rule.MinimumTotal, key + ".minimum_total", "yuan", at)));
        }
        return new Monitoring(fraction, [.. rules]);
    }
}

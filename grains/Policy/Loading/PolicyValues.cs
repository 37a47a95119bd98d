using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Model;

namespace Ledger.Policy.Loading;

/// <summary>
/// Every value of one policy version as (key, text) pairs: <c>parameters.rural_income</c>, <c>layers</c> (the
/// waterfall's order), <c>basic.ratio.inpatient.level3</c>, <c>critical.tilt.points</c>,
/// <c>monitoring.return_to_poverty_risk.threshold</c>, <c>targets.coverage</c> … Layers and rules are walked by their public
/// properties, so a field added to the model is listed (and compared) without a change here.
/// </summary>
internal static class PolicyValues
{
    private const string ByTypeAndLevel = "_by_type_and_level";

    public static IEnumerable<(string Key, string Value)> Of(PolicyVersion version)
    {
        foreach (var (name, value) in version.Parameters)
        {
            yield return ("parameters." + name, Number(value));
        }
        yield return ("layers", string.Join(", ", version.Layers.Select(Kind)));
        foreach (var layer in version.Layers)
        {
            foreach (var pair in Walk(Kind(layer), layer))
            {
                yield return pair;
            }
        }
        yield return ("monitoring.warning_fraction", Number(version.Monitoring.WarningFraction));
        foreach (var rule in version.Monitoring.Rules)
        {
            foreach (var pair in Walk("monitoring." + RuleCodes.ToCode(rule.Rule), rule).Where(pair => !pair.Key.EndsWith(".rule", StringComparison.Ordinal)))
            {
                yield return pair;
            }
        }
        if (version.Targets is { } targets)
        {
            foreach (var pair in Walk("targets", targets))
            {
                yield return pair;
            }
        }
    }

    private static string Kind(Layer layer) => Snake(layer.GetType().Name.Replace("Layer", "", StringComparison.Ordinal));

    private static IEnumerable<(string Key, string Value)> Walk(string key, object? value)
    {
        switch (value)
        {
            case null:
                yield return (key, "none");
                break;
            case decimal number:
                yield return (key, Number(number));
                break;
            case bool flag:
                yield return (key, flag ? "true" : "false");
                break;
            case string or int or byte:
                yield return (key, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case Identities identities:
                yield return (key, IdentityList(identities));
                break;
            case MedicalTypes types:
                yield return (key, string.Join(", ", Enum.GetValues<MedicalType>().Where(types.Contains).Select(MedicalTypeCodes.ToCode)));
                break;
            case Enum named:
                yield return (key, Snake(named.ToString()));
                break;
            case decimal[] grid when key.EndsWith(ByTypeAndLevel, StringComparison.Ordinal):
                for (var i = 0; i < grid.Length; i++)
                {
                    yield return ($"{key[..^ByTypeAndLevel.Length]}.{MedicalTypeCodes.ToCode((MedicalType)(i / 3))}.level{i % 3 + 1}", Number(grid[i]));
                }
                break;
            case IList list:
                for (var i = 0; i < list.Count; i++)
                {
                    foreach (var pair in Walk($"{key}[{i}]", list[i]))
                    {
                        yield return pair;
                    }
                }
                break;
            default:
                foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0))
                {
                    foreach (var pair in Walk($"{key}.{Snake(property.Name)}", property.GetValue(value)))
                    {
                        yield return pair;
                    }
                }
                break;
        }
    }

    internal static string Number(decimal number) => number.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string IdentityList(Identities identities) => identities == Identities.None ? "none"
        : string.Join(", ", Enum.GetValues<Identities>().Where(single => single != Identities.None && identities.HasFlag(single)).Select(IdentityCodes.ToCode));

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}

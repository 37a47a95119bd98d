using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Ledger.Tests.Support;

/// <summary>A new year's values as an operator adds them: one more dated entry per yearly parameter.</summary>
public sealed record NewYear(int Year, string PolicyFile, IReadOnlyDictionary<string, decimal> Values);

/// <summary>
/// Copies of the shipped policy folder for roll-out tests, and the routine edit of a roll-out: next
/// year's dated values ("上年…收入" figures) appended to one policy's yearly parameters.
/// </summary>
public static class PolicyFolders
{
    /// <summary>The yearly parameters a roll-out moves, and the rise it gives them.</summary>
    public const decimal Rise = 1.07m;

    public static string Shipped => Repository.Path("policies");

    /// <summary>A temporary copy of the shipped policies (files only, not the golden cases).</summary>
    public static DirectoryInfo CopyShipped()
    {
        var copy = Directory.CreateTempSubdirectory("ledger-policies-");
        foreach (var file in Directory.GetFiles(Shipped, "*.yaml"))
        {
            File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
        }
        return copy;
    }

    /// <summary>
    /// Appends, to the policy file claiming <paramref name="regionPrefix"/>, an entry from 1 January of
    /// the year after its latest dated value (at the earliest <paramref name="yearMin"/>) to every dated
    /// parameter, each <see cref="Rise"/> times its latest value (rounded to the yuan).
    /// </summary>
    public static NewYear AddNewYear(DirectoryInfo folder, string regionPrefix, int yearMin = 0)
    {
        foreach (var path in Directory.GetFiles(folder.FullName, "*.yaml").Order(StringComparer.Ordinal))
        {
            var yaml = new YamlStream();
            using (var reader = new StringReader(File.ReadAllText(path)))
            {
                yaml.Load(reader);
            }
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            if (!root.Children.TryGetValue("regions", out var regions) || !((YamlSequenceNode)regions).Children.Any(region => region.ToString() == regionPrefix))
            {
                continue;
            }
            // A parameter's dated list, or each region's (a by_region parameter; regions may share one list).
            var dated = ((YamlMappingNode)root["parameters"]).Children
                .Select(parameter => (Name: parameter.Key.ToString(), Lists: DatedLists((YamlMappingNode)parameter.Value).Distinct().ToList()))
                .Where(parameter => parameter.Lists.Count > 0).ToList();
            var year = dated.SelectMany(parameter => parameter.Lists).SelectMany(entries => entries.Children)
                .Max(entry => DateOnly.Parse(((YamlMappingNode)entry)["from"].ToString(), CultureInfo.InvariantCulture).Year) + 1;
            year = Math.Max(year, yearMin);
            var values = new Dictionary<string, decimal>();
            foreach (var (name, lists) in dated)
            {
                foreach (var entries in lists)
                {
                    var latest = decimal.Parse(((YamlMappingNode)entries.Children[^1])["value"].ToString(), CultureInfo.InvariantCulture);
                    // The policy's own value is the first list (the region the file claims); cities follow.
                    values.TryAdd(name, Math.Round(latest * Rise, 0, MidpointRounding.AwayFromZero));
                    entries.Add(new YamlMappingNode(
                        new YamlScalarNode("from"), new YamlScalarNode($"{year}-01-01"),
                        new YamlScalarNode("value"), new YamlScalarNode(Math.Round(latest * Rise, 0, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)),
                        new YamlScalarNode("assumed"), new YamlScalarNode("roll-out test: last year's figure × 1.07")));
                }
            }
            using (var writer = new StreamWriter(path))
            {
                yaml.Save(writer, assignAnchors: false);
            }
            return new NewYear(year, Path.GetFileName(path), values);
        }
        throw new InvalidOperationException($"no policy file in {folder.FullName} claims region prefix {regionPrefix}");
    }

    private static IEnumerable<YamlSequenceNode> DatedLists(YamlMappingNode parameter)
    {
        if (parameter.Children.TryGetValue("dated", out var dated))
        {
            yield return (YamlSequenceNode)dated;
        }
        if (parameter.Children.TryGetValue("by_region", out var regions))
        {
            foreach (var (_, region) in ((YamlMappingNode)regions).Children)
            {
                if (region is YamlMappingNode value && value.Children.TryGetValue("dated", out var list))
                {
                    yield return (YamlSequenceNode)list;
                }
            }
        }
    }
}

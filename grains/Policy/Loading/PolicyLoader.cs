using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Ledger.Policy.Loading;

/// <summary>Reads every <c>*.yaml</c> policy file of a folder into a validated catalogue, or fails whole.</summary>
public static class PolicyLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static PolicyCatalogue LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new PolicyLoadException([$"{directory}: the policy folder does not exist"]);
        }
        var files = Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)));
        return Load(files);
    }

    /// <summary>Loads (file name, YAML text) pairs; throws <see cref="PolicyLoadException"/> listing every problem.</summary>
    public static PolicyCatalogue Load(IEnumerable<(string File, string Yaml)> files)
    {
        var problems = new List<string>();
        var policies = new List<CompiledPolicy>();
        foreach (var (file, text) in files)
        {
            var document = Parse(file, text, problems);
            if (document is not null && PolicyCompiler.Compile(file, document, problems) is { } policy)
            {
                policies.Add(policy);
            }
        }
        if (policies.Count == 0 && problems.Count == 0)
        {
            problems.Add("no policy files found");
        }
        var catalogue = new PolicyCatalogue(policies);
        problems.AddRange(catalogue.Overlaps());
        return problems.Count > 0 ? throw new PolicyLoadException(problems) : catalogue;
    }

    private static PolicyDocument? Parse(string file, string text, List<string> problems)
    {
        try
        {
            return Yaml.Deserialize<PolicyDocument>(text) ?? Empty(file, problems);
        }
        catch (YamlException error)
        {
            // YamlDotNet says "Property 'x' not found on type ..." for unknown keys: keep its position.
            var reason = (error.InnerException ?? error).Message;
            problems.Add($"{file}: line {error.Start.Line}, column {error.Start.Column}: {reason}");
            return null;
        }
    }

    private static PolicyDocument? Empty(string file, List<string> problems)
    {
        problems.Add($"{file}: the file is empty");
        return null;
    }
}

using System.Text.RegularExpressions;
using Ledger.Tests.Support;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The documents an operator follows literally name files and the tests behind each control: every
/// such name must exist, so a move or a rename cannot leave a runbook pointing at nothing.
/// </summary>
public sealed partial class DocumentReferencesTests
{
    private static readonly string[] Documents = ["README.md", "docs/operations.md", "docs/security.md", "docs/reliability.md",
        "client/README.md", "bench/README.md", "policies/README.md"];

    private static readonly Lazy<string[]> RepositoryFiles = new(() => [.. Directory
        .EnumerateFiles(Repository.Root, "*", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
        .Where(path => !path.Split('/').Any(part => part is "bin" or "obj" or ".git" or "TestResults" or "BenchmarkDotNet.Artifacts"))]);

    private static readonly Lazy<Dictionary<string, string>> TestSources = new(() => RepositoryFiles.Value
        .Where(path => path.StartsWith("tests/", StringComparison.Ordinal) && path.EndsWith(".cs", StringComparison.Ordinal))
        .ToDictionary(path => path, path => File.ReadAllText(Repository.Path(path))));

    public static TheoryData<string> DocumentNames => [.. Documents];

    [Theory]
    [MemberData(nameof(DocumentNames))]
    public void Every_file_a_document_names_exists(string document)
    {
        var text = File.ReadAllText(Repository.Path(document));
        var folder = Path.GetDirectoryName(document)!.Replace('\\', '/');

        // A path outside the repository (../shared/…) is the shared folder's; a short one (Engine/Waterfall.cs)
        // is named inside its project's paragraph, so it must end some file's path.
        var missing = FilePath().Matches(text).Select(match => match.Groups["path"].Value)
            .Where(path => !path.StartsWith("../", StringComparison.Ordinal) && !path.StartsWith('/'))
            .Where(path => !RepositoryFiles.Value.Any(file => file == path || file == $"{folder}/{path}" || file.EndsWith("/" + path, StringComparison.Ordinal)))
            .Distinct().ToList();

        Assert.True(missing.Count == 0, $"{document} names files that do not exist: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(DocumentNames))]
    public void Every_test_a_document_cites_exists(string document)
    {
        var text = File.ReadAllText(Repository.Path(document));

        var missing = TestName().Matches(text).Select(match => (Class: match.Groups["class"].Value, Method: match.Groups["method"].Value))
            .Where(cited => !TestSources.Value.Values.Any(source => source.Contains($"class {cited.Class}", StringComparison.Ordinal)
                && (cited.Method.Length == 0 || source.Contains($" {cited.Method}(", StringComparison.Ordinal))))
            .Select(cited => cited.Method.Length == 0 ? cited.Class : $"{cited.Class}.{cited.Method}")
            .Distinct().ToList();

        Assert.True(missing.Count == 0, $"{document} cites tests that do not exist: {string.Join(", ", missing)}");
    }

    [GeneratedRegex(@"`(?<path>[A-Za-z0-9_./-]+/[A-Za-z0-9_.-]+\.(?:cs|sql|js|css|html|yaml|yml|md|sh|json|props|csproj))`")]
    private static partial Regex FilePath();

    [GeneratedRegex(@"`(?<class>[A-Z][A-Za-z0-9]*Tests)(?:\.(?<method>[A-Za-z0-9_]+))?`")]
    private static partial Regex TestName();
}

namespace Ledger.Tests.Support;

/// <summary>The repository's folder (the one holding Orleans.sln), found above the test output, and files in it.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>A path under the repository's folder, such as <c>Path("silo/Dockerfile")</c> or <c>Path("grains", "Schema")</c>.</summary>
    public static string Path(params string[] relative) => System.IO.Path.Combine([Root, .. relative]);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(System.IO.Path.Combine(directory.FullName, "Orleans.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException($"no Orleans.sln above {AppContext.BaseDirectory}");
        }
        return directory.FullName;
    }
}

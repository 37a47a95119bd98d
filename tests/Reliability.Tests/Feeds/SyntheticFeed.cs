using System.Text.Json;
using Ledger.Client.Wire;

namespace Ledger.Reliability.Tests.Feeds;

/// <summary>
/// A synthetic region written by <c>ledger simulate --out</c> and read back, so every check compares
/// against the very lines that were fed. The files live in a temporary folder removed on dispose.
/// </summary>
public sealed class SyntheticFeed : IDisposable
{
    public const string Region = "350102";
    public const int Year = 2024;

    private readonly DirectoryInfo _directory;

    private SyntheticFeed(DirectoryInfo directory)
    {
        _directory = directory;
        Persons = Read<PersonLine>(PersonsPath);
        Settlements = Read<SettlementLine>(SettlementsPath);
    }

    public string PersonsPath => Path.Combine(_directory.FullName, "persons.ndjson");

    public string SettlementsPath => Path.Combine(_directory.FullName, "settlements.ndjson");

    public IReadOnlyList<PersonLine> Persons { get; }

    public IReadOnlyList<SettlementLine> Settlements { get; }

    public static async Task<SyntheticFeed> WriteAsync(int households, int settlements, long seed)
    {
        var directory = Directory.CreateTempSubdirectory("ledger-reliability-");
        var (exit, _, error) = await LedgerCli.RunAsync("http://127.0.0.1:1/", "simulate", "--region", Region, "--households", $"{households}",
            "--count", $"{settlements}", "--year", $"{Year}", "--seed", $"{seed}", "--out", directory.FullName);
        Assert.True(exit == 0, $"ledger simulate --out failed: {error}");
        return new SyntheticFeed(directory);
    }

    /// <summary>
    /// The settlements file in another order (a fixed shuffle of its lines), as feeds resent after an
    /// outage arrive: most settlements then come after later-dated ones of their household.
    /// </summary>
    public string Shuffled(int seed)
    {
        var path = Path.Combine(_directory.FullName, $"settlements-shuffled-{seed}.ndjson");
        var random = new Random(seed);
        File.WriteAllLines(path, File.ReadAllLines(SettlementsPath).OrderBy(_ => random.Next()));
        return path;
    }

    private static List<T> Read<T>(string path) =>
        File.ReadLines(path).Select(line => JsonSerializer.Deserialize<T>(line, ClientJson.Options)!).ToList();

    public void Dispose() => _directory.Delete(recursive: true);
}

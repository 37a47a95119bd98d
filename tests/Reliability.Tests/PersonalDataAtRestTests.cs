using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Reliability.Tests.Checks;
using Ledger.Reliability.Tests.Cluster;
using Ledger.Reliability.Tests.Feeds;
using Npgsql;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

/// <summary>Names and ID-card numbers are stored only masked and hashed: a dump of the database after a feed holds none of them.</summary>
[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class PersonalDataAtRestTests(ITestOutputHelper output)
{
    /// <summary>A surname outside the Basic Multilingual Plane (U+20BB7, a surrogate pair).</summary>
    private const string RareName = "\U00020BB7野家";
    private const string RareCertno = "35010219850317002X";

    [Fact]
    public async Task No_name_or_id_card_number_appears_in_a_pg_dump_after_a_feed()
    {
        using var feed = await SyntheticFeed.WriteAsync(households: 150, settlements: 1_500, seed: 505);
        await using var cluster = await PostgresCluster.StartAsync();
        await LedgerCli.RegisterAsync(cluster.Urls, feed);
        var (exit, text, error) = await LedgerCli.RunAsync(cluster.Urls, "feed", feed.SettlementsPath, "--batch", "200");
        Assert.True(exit == 0, $"ledger feed: exit {exit}\n{text}\n{error}");
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", SiloProcess.FeedKey);
        var rare = await http.PutAsync("api/persons/P-rare-1", JsonContent.Create(new Dictionary<string, object?>
        {
            ["region_code"] = "350102", ["household_id"] = "H-rare-1", ["residence"] = "rural", ["insutype"] = "resident",
            ["identities"] = Array.Empty<object>(), ["psn_name"] = RareName, ["certno"] = RareCertno,
        }));
        Assert.Equal(HttpStatusCode.OK, rare.StatusCode);
        Assert.Equal("\U00020BB7**", (await rare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("psn_name").GetString());

        var dump = await PgDump(cluster.ConnectionString);

        var personal = PersonalData.Of(feed).SelectMany(person => new[] { person.Name, person.Certno }).Append(RareName).Append(RareCertno)
            .OfType<string>().Distinct().ToList();
        // Grain state is binary (bytea, dumped as hex): each value is looked for as text and as its UTF-8 in hex.
        var found = personal.Where(value => dump.Contains(value, StringComparison.Ordinal) || dump.Contains(Hex(value), StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 0, $"{found.Count} of {personal.Count} names and ID-card numbers are in the dump, e.g. one of {found.FirstOrDefault()?.Length} characters");
        // The search can find what is there: person numbers (in clear by design) and the masks.
        Assert.Contains(Hex("P-rare-1"), dump, StringComparison.Ordinal);
        Assert.Contains(Hex("350102********002X"), dump, StringComparison.Ordinal);
        Figures.Report(output, "personal_data_at_rest", [("personal_values_checked", personal.Count), ("found_in_dump", found.Count), ("dump_bytes", dump.Length)]);
    }

    private static string Hex(string value) => Convert.ToHexString(Encoding.UTF8.GetBytes(value)).ToLowerInvariant();

    private static async Task<string> PgDump(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("pg_dump")
        {
            ArgumentList = { "--data-only", "--no-owner", "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["PGPASSWORD"] = connection.Password },
        };
        using var process = Process.Start(start)!;
        var dump = process.StandardOutput.ReadToEndAsync();
        var failure = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed ({process.ExitCode}): {await failure}");
        return await dump;
    }
}

using System.Text.Json;
using Ledger.Reliability.Tests.Checks;
using Ledger.Reliability.Tests.Faults;
using Ledger.Reliability.Tests.Feeds;
using Xunit.Abstractions;

namespace Ledger.Reliability.Tests;

[Collection(ReliabilityCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class BackupRestoreTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PostgresDatabase _original = new();
    private readonly PostgresDatabase _restored = new();
    private readonly string _backup = Path.Combine(Path.GetTempPath(), $"ledger-backup-{Guid.NewGuid():N}.dump");

    public async Task InitializeAsync()
    {
        await _original.InitializeAsync();
        await _original.ApplySchemaAsync();
        await _restored.InitializeAsync();
    }

    /// <summary>
    /// The runbook's backup and restore (deploy/backup.sh while the silo runs, deploy/restore.sh into a
    /// new database), then the whole feed sent again to a silo on the restored database: the journal came
    /// back whole, so every line is a duplicate. The silo that is backed up logs JSON lines and drains for
    /// 2 s unready, both checked on the way.
    /// </summary>
    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_answers_every_resent_line_duplicate_with_identical_totals()
    {
        using var feed = await SyntheticFeed.WriteAsync(households: 300, settlements: 1_500, seed: 506);
        // Six seconds unready: the test must see 503 on /health/ready and 200 on /health/live inside that window
        // after SIGTERM, which 2 s left too little of on a loaded machine (the port closes when it ends).
        var settings = new Dictionary<string, string> { ["Logging:Console:FormatterName"] = "json", ["Ledger:Drain:UnreadySeconds"] = "6" };
        Dictionary<string, Totals> persons, households;
        List<string> journal;
        await using (var silo = await SiloProcess.StartAsync(_original.AppConnectionString, settings: settings))
        {
            await LedgerCli.RegisterAsync(silo.Url.ToString(), feed);
            var first = await LedgerCli.RunAsync(silo.Url.ToString(), "feed", feed.SettlementsPath, "--batch", "100");
            Assert.True(first.Exit == 0, first.Error);
            (persons, households) = await LedgerReads.TotalsAsync(silo.Url, feed);
            journal = Described(await LedgerReads.JournalAsync(silo.Url));
            output.WriteLine(await Shell.RunAsync("deploy/backup.sh", _original.ConnectionString, _backup));
            Assert.Equal(0, (await SiloProcess.ProbeAsync(silo.Url, "ready")).Exit);
            // SIGTERM: unready at once, still serving while it drains, then gone with exit code 0.
            silo.Terminate();
            using (var http = new HttpClient { BaseAddress = silo.Url })
            {
                await Poll.Until(async () => (await http.GetAsync("health/ready")).StatusCode == System.Net.HttpStatusCode.ServiceUnavailable,
                    "/health/ready to answer 503 once SIGTERM is sent", 5_000, 50);
                Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("health/live")).StatusCode);
            }
            await silo.WaitForExitAsync();
            Assert.Equal(0, silo.ExitCode);
            // The container health check, once the silo is gone.
            var gone = await SiloProcess.ProbeAsync(silo.Url, "live");
            Assert.True(gone.Exit == 1, gone.Output);
            var lines = silo.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        }

        // The runbook: restore and `ledger db init` as the owner (no privileges are restored), the silo as ledger_app.
        output.WriteLine(await Shell.RunAsync("deploy/restore.sh", _restored.ConnectionString, _backup));
        await LedgerCli.DbInitAsync(_restored.ConnectionString);
        await using var restored = await SiloProcess.StartAsync(_restored.AppConnectionString);
        var again = await LedgerCli.RunAsync(restored.Url.ToString(), "feed", feed.SettlementsPath, "--batch", "100");

        Assert.True(again.Exit == 0, again.Error);
        var summary = LedgerCli.Summary(again.Out, "settlements");
        Assert.Equal(($"{feed.Settlements.Count}", "0", $"{feed.Settlements.Count}", "0"), (summary["sent"], summary["recorded"], summary["duplicate"], summary["rejected"]));
        var (personsAfter, householdsAfter) = await LedgerReads.TotalsAsync(restored.Url, feed);
        Assert.Equal(persons.OrderBy(pair => pair.Key), personsAfter.OrderBy(pair => pair.Key));
        Assert.Equal(households.OrderBy(pair => pair.Key), householdsAfter.OrderBy(pair => pair.Key));
        Assert.Equal(journal, Described(await LedgerReads.JournalAsync(restored.Url)));
        var personal = PersonalData.AssertNotLogged(restored.Log, PersonalData.Of(feed));
        Figures.Report(output, "backup_restore", ("settlements_fed", feed.Settlements.Count), ("households", households.Count),
            ("backup_bytes", new FileInfo(_backup).Length), ("resent", feed.Settlements.Count), ("answered_duplicate", summary["duplicate"]),
            ("recorded_again", summary["recorded"]), ("persons_compared", persons.Count), ("journal_entries", journal.Count), ("personal_values_checked", personal));
    }

    private static List<string> Described(IEnumerable<JournalLine> entries) =>
        [.. entries.Select(entry => $"{entry.Position} {entry.Kind} {entry.SetlId} {entry.PsnNo} {entry.HouseholdId} {string.Join(",", entry.Levels)}")];

    public async Task DisposeAsync()
    {
        File.Delete(_backup);
        await _original.DisposeAsync();
        await _restored.DisposeAsync();
    }
}

using Ledger.Grains.Hosting;
using Ledger.Grains.Journal;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Schema;
using Ledger.Silo.Projections;
using Npgsql;

namespace Ledger.Grains.Tests.Postgres;

/// <summary>
/// The monitoring list's maintained facts on the real server: which levels a page without a level lists
/// and the per-region counts behind total_count and deep pages stay equal to the rows through a warning,
/// a crossing, clearings and a move to another region, applied an entry at a time, all in one batch, after
/// a rebuild and after the schema recounts them; and every page equals the in-memory store's.
/// </summary>
public sealed class MonitoringCountTests : IAsyncLifetime
{
    private static readonly DateTimeOffset March = new(2022, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly PolicyCatalogue Policies = PolicyLoader.LoadDirectory(LedgerGrainServices.DefaultPolicyFolder);

    private readonly PostgresDatabase _database = new();
    private PostgresProjectionStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.ApplySchemaAsync();
        _store = new PostgresProjectionStore(NpgsqlDataSource.Create(_database.AppConnectionString));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Counts_stay_exact_through_warning_crossed_and_cleared_a_move_and_a_rebuild()
    {
        var entries = Numbered(
            Entry("X", "350102", Fired(EntryEventKind.Warning, Rule.ReturnToPovertyRisk, Level.Warning, "X")),
            Entry("Y", "350203", Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, "Y"),
                Fired(EntryEventKind.Warning, Rule.ImpoverishmentRisk, Level.Warning, "Y")),
            Entry("X", "350102", Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, "X")),
            // Y's household moved to Fuzhou: its levels are re-opened there.
            Entry("Y", "350104", Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, "Y")),
            Entry("X", "350102", Fired(EntryEventKind.Cleared, Rule.ReturnToPovertyRisk, Level.Crossed, "X")),
            Entry("X", "350102", Fired(EntryEventKind.Cleared, Rule.ReturnToPovertyRisk, Level.Warning, "X")));
        // (listed, warnings, crossed, Fuzhou 3501 listed, Xiamen 3502 listed, return_to_poverty_risk listed) after each entry.
        (long, long, long, long, long, long)[] expected =
        [
            (1, 1, 0, 1, 0, 1),
            (3, 2, 1, 1, 2, 2),
            (3, 2, 2, 1, 2, 2),
            (3, 2, 2, 2, 1, 2),
            (3, 2, 1, 2, 1, 2),
            (2, 1, 1, 1, 1, 1),
        ];
        var reference = new InMemoryProjectionStore();

        var seen = new List<(long, long, long, long, long, long)>();
        foreach (var entry in entries)
        {
            await _store.Apply([entry]);
            await reference.Apply([entry]);
            seen.Add(await Totals(_store));
            Assert.Equal(await Totals(reference), seen[^1]);
            await AssertCountsEqualRows();
        }
        await ProjectionReset.RunAsync(_database.ConnectionString);
        await _store.Apply(entries);
        var rebuilt = await Totals(_store);
        await AssertCountsEqualRows();
        await Recount();
        var recounted = await Totals(_store);
        await AssertCountsEqualRows();

        Assert.Equal(expected, seen);
        Assert.Equal((expected[^1], expected[^1]), (rebuilt, recounted));
        Assert.Equal(0L, await _database.Scalar<long>("SELECT count(*) FROM ledger_monitoring_counts WHERE rows < 0"));
    }

    [Fact]
    public async Task Every_page_of_every_filter_equals_the_in_memory_stores()
    {
        var regions = new[] { "350102", "350103", "350104", "350203", "350211", "350583" };
        var entries = Numbered([.. Enumerable.Range(0, 24).Select(person =>
        {
            var name = $"P{person:D2}";
            var region = regions[person % regions.Length];
            return (person % 3) switch
            {
                0 => Entry(name, region, Fired(EntryEventKind.Warning, Rule.ReturnToPovertyRisk, Level.Warning, name),
                    Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, name)),
                1 => Entry(name, region, Fired(EntryEventKind.Warning, Rule.ImpoverishmentRisk, Level.Warning, name)),
                _ => Entry(name, region, Fired(EntryEventKind.Warning, Rule.ReturnToPovertyRisk, Level.Warning, name),
                    Fired(EntryEventKind.Warning, Rule.ImpoverishmentRisk, Level.Warning, name)),
            };
        })]);
        var reference = new InMemoryProjectionStore();
        await _store.Apply(entries);
        await reference.Apply(entries);

        foreach (var prefix in new[] { "35", "3501", "350102", "3502", "36" })
        {
            foreach (var (rule, level, city) in new (string?, string?, string?)[]
            {
                (null, null, null), ("return_to_poverty_risk", null, null), (null, "warning", null), (null, "crossed", "3501"),
                ("impoverishment_risk", "warning", "3502"), (null, null, "3505"), (null, null, "3601"),
            })
            {
                for (var page = 1; page <= 10; page++)
                {
                    var query = new MonitoringQuery(prefix, 2022, rule, level, city, page, 3);
                    var (stored, expected) = (await _store.Monitoring(query), await reference.Monitoring(query));
                    Assert.Equal((expected.TotalCount, Keys(expected)), (stored.TotalCount, Keys(stored)));
                }
            }
        }

        // 8 persons crossed (their warnings hidden), 8 warned on one line, 8 on both: 32 listed; page 10 of 3 holds rows 28 to 30.
        var deep = await _store.Monitoring(new MonitoringQuery("35", 2022, null, null, null, 10, 3));
        Assert.Equal((32L, 3), (deep.TotalCount, deep.Items.Count));
    }

    private static string Keys(MonitoringPage page) => string.Join(", ", page.Items.Select(item => $"{item.RegionCode} {item.SubjectId} {item.Rule} {item.Level}"));

    private static async Task<(long, long, long, long, long, long)> Totals(IProjectionStore store)
    {
        async Task<long> Total(string? rule, string? level, string? city) =>
            (await store.Monitoring(new MonitoringQuery("35", 2022, rule, level, city, 1, 50))).TotalCount;
        return (await Total(null, null, null), await Total(null, "warning", null), await Total(null, "crossed", null),
            await Total(null, null, "3501"), await Total(null, null, "3502"), await Total("return_to_poverty_risk", null, null));
    }

    /// <summary>Every count equals the rows it counts, and every row's <c>listed</c> is what its subject's levels say.</summary>
    private async Task AssertCountsEqualRows()
    {
        Assert.Equal(0L, await _database.Scalar<long>("""
            SELECT count(*) FROM (
                (SELECT year, region_code, rule, level, listed, rows FROM ledger_monitoring_counts WHERE rows <> 0
                 EXCEPT SELECT year, region_code, rule, level, listed, count(*) FROM ledger_monitoring GROUP BY year, region_code, rule, level, listed)
                UNION ALL
                (SELECT year, region_code, rule, level, listed, count(*) FROM ledger_monitoring GROUP BY year, region_code, rule, level, listed
                 EXCEPT SELECT year, region_code, rule, level, listed, rows FROM ledger_monitoring_counts WHERE rows <> 0)) differing
            """));
        Assert.Equal(0L, await _database.Scalar<long>("""
            SELECT count(*) FROM ledger_monitoring m WHERE listed <> (level = 'crossed' OR NOT EXISTS (SELECT 1 FROM ledger_monitoring c
                WHERE c.subject_type = m.subject_type AND c.subject_id = m.subject_id AND c.rule = m.rule AND c.year = m.year AND c.level = 'crossed'))
            """));
    }

    /// <summary>The counts lost, then the monitoring script applied again, as a schema upgrade applies it.</summary>
    private async Task Recount()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using (var lost = new NpgsqlCommand("DELETE FROM ledger_monitoring_counts", connection))
        {
            await lost.ExecuteNonQueryAsync();
        }
        await using var script = new NpgsqlCommand(PostgresSchema.Scripts().Single(text => text.Contains("ledger_monitoring_counts", StringComparison.Ordinal)
            && text.Contains("ADD COLUMN IF NOT EXISTS listed", StringComparison.Ordinal)), connection);
        await script.ExecuteNonQueryAsync();
    }

    private static List<FoldedEntry> Numbered(params JournalEntry[] entries) =>
        [.. entries.Select((entry, index) => entry with { Position = index + 1 })
            .Select(entry => new FoldedEntry(entry.Position, entry.LoggedAt, ProjectionFold.Changes(entry, Policies)))];

    private static JournalEntry Entry(string name, string region, params EntryEvent[] events) => new()
    {
        Kind = EntryKind.Recorded, SetlId = $"{name}-S{events.Length}-{region}", PsnNo = name, HouseholdId = $"{name}-H", RegionCode = region, Year = 2022,
        SetlTime = March, LoggedAt = March, PolicyId = "fujian-2022",
        Context = new MemberContext(Policy.Domain.Identities.PovertyAlleviated, Policy.Domain.Residence.Rural),
        Change = new YearChange(new YearTotals { Total = 200m, PolicyScope = 100m, Basic = 100m, SelfPay = 100m, SettlementCount = 1 }, 0m, 0),
        Events = events,
    };

    private static EntryEvent Fired(EntryEventKind kind, Rule rule, Level level, string psnNo) =>
        new(kind, rule, level, false, psnNo, 25_000m, 23_229m, new SettlementKey(March, $"{psnNo}-S"));
}

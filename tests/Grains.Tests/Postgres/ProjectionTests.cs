using System.Text.Json;
using Ledger.Schema;
using Ledger.Grains.Hosting;
using Ledger.Grains.Journal;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Silo.Projections;
using Ledger.Silo.Storage;
using Ledger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Ledger.Grains.Tests.Postgres;

/// <summary>
/// The read projections against the real server and in memory: the same journal gives the same rows in
/// both, applying entries again changes nothing, a new projector resumes from the checkpoint, and a
/// rebuild from position 0 gives the rows back.
/// </summary>
public sealed class ProjectionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2022, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly PolicyCatalogue Policies = PolicyLoader.LoadDirectory(LedgerGrainServices.DefaultPolicyFolder);

    // A database per test: positions start at 1 and nothing of another test's journal shows.
    private readonly PostgresDatabase _database = new();
    private readonly SingleStageLifecycle _lifecycle = new();
    private PostgresJournal _journal = null!;
    private PostgresProjectionStore _store = null!;
    private LedgerMetrics _metrics = null!;
    private JournalFanOut _fanOut = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.ApplySchemaAsync();
        var services = new ServiceCollection().AddSerializer().AddMetrics().BuildServiceProvider();
        _metrics = new LedgerMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        _fanOut = new JournalFanOut(null!, _metrics, NullLogger<JournalFanOut>.Instance);
        _journal = new PostgresJournal(new PostgresJournalOptions(_database.AppConnectionString), services.GetRequiredService<Serializer>(),
            _fanOut, _metrics, NullLogger<PostgresJournal>.Instance);
        _journal.Participate(_lifecycle);
        await _lifecycle.Observer!.OnStart(CancellationToken.None);
        // As the silos' own role: rows only.
        _store = new PostgresProjectionStore(NpgsqlDataSource.Create(_database.AppConnectionString));
        await _store.Reset();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _lifecycle.Observer!.OnStop(CancellationToken.None);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_same_entries_applied_twice_change_nothing_and_both_stores_hold_the_same_rows()
    {
        var entries = await Journaled(Story("A"));
        var folded = Fold(entries);
        var memory = new InMemoryProjectionStore();

        await _store.Apply(folded);
        await memory.Apply(folded);
        var once = await Snapshot(_store);
        await _store.Apply(folded);
        await _store.Apply(folded.Skip(2).ToList());
        await memory.Apply(folded);

        Assert.Equal(once, await Snapshot(_store));
        Assert.Equal(once, await Snapshot(memory));
        Assert.Equal(entries[^1].Position, await _store.Checkpoint());
        Assert.Contains("\"status\":\"new\"", once, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_that_does_not_follow_the_checkpoint_is_not_applied()
    {
        var folded = Fold(await Journaled(Story("B")));

        var checkpoint = await _store.Apply(folded.Skip(1).ToList());

        Assert.Equal(0L, checkpoint);
        Assert.Equal(await Snapshot(new InMemoryProjectionStore()), await Snapshot(_store));
    }

    [Fact]
    public async Task A_new_projector_resumes_from_the_checkpoint_and_a_rebuild_gives_the_same_rows()
    {
        var story = Story("C");
        await Journaled(story.Take(2).ToList());
        await Projector().CatchUp();
        var halfway = await _store.Checkpoint();
        var entries = await Journaled(story.Skip(2).ToList());

        await Projector().CatchUp();
        var resumed = await Snapshot(_store);
        var reference = new InMemoryProjectionStore();
        await reference.Apply(Fold(await _journal.ReadAfter(0, 1_000)));
        // As `ledger db rebuild-projections` does it, under the migration role; then the projector starts over.
        await ProjectionReset.RunAsync(_database.ConnectionString);
        var emptied = await _store.Checkpoint();
        await Projector().CatchUp();

        Assert.Equal((2L, 0L, entries[^1].Position), (halfway, emptied, await _store.Checkpoint()));
        Assert.Equal(await Snapshot(reference), resumed);
        Assert.Equal(resumed, await Snapshot(_store));
    }

    [Fact]
    public async Task Monitoring_pages_hold_every_open_level_once_and_filter_by_rule_level_and_city()
    {
        var story = Enumerable.Range(0, 7).SelectMany(index => Story($"M{index}", index < 4 ? "350102" : "350203")).ToList();
        await Journaled(story);
        await Projector().CatchUp();

        var pages = new List<MonitoringItem>();
        for (var page = 1; page <= 6; page++)
        {
            pages.AddRange((await _store.Monitoring(new MonitoringQuery("35", 2022, null, null, null, page, 3))).Items);
        }
        var warnings = await _store.Monitoring(new MonitoringQuery("35", 2022, null, "warning", null, 1, 50));
        var xiamen = await _store.Monitoring(new MonitoringQuery("35", 2022, "return_to_poverty_risk", "crossed", "3502", 1, 50));
        var district = await _store.Monitoring(new MonitoringQuery("350102", 2022, null, null, null, 1, 50));

        // Each person: return_to_poverty_risk crossed (its warning hidden behind it) and impoverishment_risk at warning.
        Assert.Equal(14, pages.Select(item => (item.SubjectId, item.Rule, item.Level)).Distinct().Count());
        Assert.Equal(14, pages.Count);
        Assert.Equal(14, warnings.TotalCount);
        Assert.Equal(["M4-P", "M5-P", "M6-P"], xiamen.Items.Select(item => item.SubjectId));
        Assert.Equal((8L, "3501"), (district.TotalCount, district.Items[0].CityCode));
    }

    [Fact]
    public async Task A_re_adjudicated_settlement_and_a_withdrawn_crossing_project_the_same_in_both_stores()
    {
        var entries = await Journaled(ReAdjudicated("K"));
        var memory = new InMemoryProjectionStore();
        await memory.Apply(Fold(entries));
        await Projected(memory);
        // One entry per batch: the adjustment moves a stored settlement row and closes a stored crossing.
        foreach (var entry in Fold(entries))
        {
            await _store.Apply([entry]);
        }
        await Projected(_store);
        // One batch: the recording and its adjustment merged before they reach the tables.
        await _store.Reset();
        await Projector().CatchUp();
        await Projected(_store);
    }

    /// <summary>What the re-adjudicated story projects to, whichever store and however the entries were batched.</summary>
    private static async Task Projected(IProjectionStore store)
    {
        var kpis = await store.Kpis("33", 2022);
        var months = new Dictionary<int, List<MonthEndRow>>();
        for (var month = 1; month <= 12; month++)
        {
            months[month] = [];
            await foreach (var row in store.MonthEnd(new MonthEndQuery("33", 2022, month)))
            {
                months[month].Add(row);
            }
        }

        // Counted once, whole, where the adjustment's context put it (the recording's context was outside the population).
        Assert.Equal((1L, 100_000m, 90_000m, 10_000m), (kpis.SettlementCount, kpis.MedfeeSumamt, kpis.FundPaySumamt, kpis.PsnPartAmt));
        Assert.StartsWith("困难群众 of jinhua-2022", Assert.Single(kpis.Populations), StringComparison.Ordinal);
        // The crossing was withdrawn on 1 December: the reports of March to November keep it, late, with the identity back-dated to March.
        Assert.Empty(months[2]);
        Assert.Equal(("dibao", "new", true, "K-S1"), months[3].Select(row => (row.Identities, row.Status, row.Late, row.SetlId)).Single());
        Assert.All(Enumerable.Range(4, 8), month => Assert.Equal(("continuing", true), months[month].Select(row => (row.Status, row.Late)).Single()));
        Assert.Equal((MonthEndStatus.Exited, 10_000m), months[12].Select(row => (row.Status, row.PsnPartAmt)).Single());
    }

    [Fact]
    public async Task A_back_dated_identity_that_moves_no_money_reclassifies_the_settlements_of_its_dates_in_both_stores()
    {
        var (psnNo, household, region) = ("R-P", "R-H", "330702");
        var none = new MemberContext(Policy.Domain.Identities.None, Policy.Domain.Residence.Rural);
        DateTimeOffset On(int month, int day) => new(2022, month, day, 0, 0, 0, TimeSpan.FromHours(8));
        JournalEntry Recorded(string setlId, DateTimeOffset at) => Entry(EntryKind.Recorded, setlId, psnNo, household, region, at.AddHours(9), 100m, 1) with
        {
            Context = none, PolicyId = "jinhua-2022",
        };
        // 低保 from 1 March to 31 May, learned in December: no split changes, so only the identity entry is journaled.
        var entries = await Journaled(
        [
            Recorded("R-S-feb", On(2, 10)), Recorded("R-S-mar", On(3, 10)), Recorded("R-S-jun", On(6, 10)),
            Entry(EntryKind.IdentityChanged, "", psnNo, household, region, On(3, 1), 0m, 0) with
            {
                Context = none with { Identities = Policy.Domain.Identities.Dibao }, Change = default,
                IdentityPeriods = [new Policy.Domain.IdentityPeriod(Policy.Domain.Identities.Dibao, new DateOnly(2022, 3, 1), new DateOnly(2022, 5, 31))],
            },
        ]);
        var memory = new InMemoryProjectionStore();
        await memory.Apply(Fold(entries));
        foreach (var entry in Fold(entries))
        {
            await _store.Apply([entry]);
        }
        var oneByOne = await _store.Kpis("33", 2022);
        await _store.Reset();
        await Projector().CatchUp();

        // Only March's settlement is of a 低保 date: it alone is counted, whole, in the 困难群众.
        foreach (var kpis in new[] { await memory.Kpis("33", 2022), oneByOne, await _store.Kpis("33", 2022) })
        {
            Assert.Equal((1L, 200m, 100m, 100m), (kpis.SettlementCount, kpis.MedfeeSumamt, kpis.FundPaySumamt, kpis.PsnPartAmt));
            Assert.StartsWith("困难群众 of jinhua-2022", Assert.Single(kpis.Populations), StringComparison.Ordinal);
        }
    }

    private Projector Projector() => new(_journal, _store, new SoleLeadership(), Policies, _fanOut, _metrics,
        new FakeTimeProvider(Now), NullLogger<Projector>.Instance);

    private async Task<IReadOnlyList<JournalEntry>> Journaled(IReadOnlyList<JournalEntry> entries)
    {
        var committed = new List<JournalEntry>();
        foreach (var entry in entries)
        {
            committed.AddRange((await _journal.Append(JournalAppend.Of([entry]))).Committed);
        }
        return committed;
    }

    [Fact]
    public async Task A_restated_crossing_moves_the_monitoring_row_and_the_month_end_rows_in_both_stores()
    {
        // M-S2 (April) crossed the 1× line; M-S1, dated in March, came late and crosses it itself, so its
        // entry restates the crossing at M-S1 (the level stays open: no clearing in between).
        var (psnNo, household) = ("M-P", "M-H");
        var march = new DateTimeOffset(2022, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var april = march.AddMonths(1);
        var folded = Fold(await Journaled(
        [
            Entry(EntryKind.Recorded, "M-S2", psnNo, household, "350102", april, 24_077.70m, 1,
                Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, psnNo, 24_077.70m, 23_229m, april, "M-S2")),
            Entry(EntryKind.Recorded, "M-S1", psnNo, household, "350102", march, 24_077.70m, 1,
                Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, psnNo, 24_077.70m, 23_229m, march, "M-S1")),
        ]));
        var memory = new InMemoryProjectionStore();

        await _store.Apply(folded[..1]);
        await _store.Apply(folded[1..]);
        await memory.Apply(folded);

        var page = await _store.Monitoring(new MonitoringQuery("35", 2022, "return_to_poverty_risk", null, null, 1, 50));
        var row = Assert.Single(page.Items);
        Assert.Equal(("M-S1", march), (row.SetlId, row.SetlTime));
        Assert.Equal(1L, page.TotalCount);
        Assert.Equal(["M-P new M-S1 24077.70", "M-P continuing M-S1 48155.40"],
            [.. await MonthEndRows(_store, 3), .. await MonthEndRows(_store, 4)]);
        Assert.Equal(await Snapshot(memory), await Snapshot(_store));
    }

    [Fact]
    public async Task Two_crossings_withdrawn_in_one_year_both_stay_in_their_months_reports_in_both_stores()
    {
        // W-S1 crosses the 1× line on 12 March and is reversed on 10 April; W-S2 crosses it again on 10 July
        // and is reversed on 10 August. Each withdrawal keeps its own rows (one per person, rule and year was
        // kept before: W-S2's took March and April's rows away).
        var entries = await Journaled([Crossing("W", "W-S1", On(3, 12), On(3, 12)), Reversal("W", "W-S1", On(3, 12), On(4, 10)),
            Crossing("W", "W-S2", On(7, 10), On(7, 10)), Reversal("W", "W-S2", On(7, 10), On(8, 10))]);

        var (memory, oneByOne, batched) = await YearEndRowsEveryWay(entries);

        string[] expected = ["3 W-P new W-S1 late", "4 W-P exited W-S1 ", "7 W-P new W-S2 late", "8 W-P exited W-S2 "];
        Assert.Equal(expected, memory);
        Assert.Equal(expected, oneByOne);
        Assert.Equal(expected, batched);
        Assert.Equal(2L, await _database.Scalar<long>("SELECT count(*) FROM ledger_withdrawn_crossings WHERE subject_id = 'W-P'"));
    }

    [Fact]
    public async Task Of_two_withdrawn_crossings_a_month_could_list_it_lists_the_one_withdrawn_last_once_in_both_stores()
    {
        // X-S1 (12 March) is reversed on 5 June; X-S2, dated 20 May, arrives on 6 June and crosses the line itself,
        // and is reversed on 20 June. May ended with both standing, June saw both withdrawn: one row each, X-S2's,
        // the row May listed from 6 June until its withdrawal.
        var entries = await Journaled([Crossing("X", "X-S1", On(3, 12), On(3, 12)), Reversal("X", "X-S1", On(3, 12), On(6, 5)),
            Crossing("X", "X-S2", On(5, 20), On(6, 6)), Reversal("X", "X-S2", On(5, 20), On(6, 20))]);

        var (memory, oneByOne, batched) = await YearEndRowsEveryWay(entries);

        string[] expected = ["3 X-P new X-S1 late", "4 X-P continuing X-S1 late", "5 X-P new X-S2 late", "6 X-P exited X-S2 "];
        Assert.Equal(expected, memory);
        Assert.Equal(expected, oneByOne);
        Assert.Equal(expected, batched);
    }

    private static DateTimeOffset On(int month, int day) => new(2022, month, day, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A settlement of <paramref name="name"/>'s person that alone crosses the 1× line (Fujian rural, 23 229).</summary>
    private static JournalEntry Crossing(string name, string setlId, DateTimeOffset at, DateTimeOffset logged) =>
        Entry(EntryKind.Recorded, setlId, $"{name}-P", $"{name}-H", "350102", at, 24_077.70m, 1,
            Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, $"{name}-P", 24_077.70m, 23_229m, at, setlId)) with { LoggedAt = logged };

    /// <summary>The reversal of a <see cref="Crossing"/>: the line is no longer crossed.</summary>
    private static JournalEntry Reversal(string name, string setlId, DateTimeOffset at, DateTimeOffset logged) =>
        Entry(EntryKind.Reversed, setlId, $"{name}-P", $"{name}-H", "350102", at, -24_077.70m, -1,
            Fired(EntryEventKind.Cleared, Rule.ReturnToPovertyRisk, Level.Crossed, $"{name}-P", 0m, 23_229m, at, setlId)) with { LoggedAt = logged };

    /// <summary>The year's month-end rows in memory, in PostgreSQL one entry per batch, and in PostgreSQL all in one batch (a projector from 0).</summary>
    private async Task<(List<string> Memory, List<string> OneByOne, List<string> Batched)> YearEndRowsEveryWay(IReadOnlyList<JournalEntry> entries)
    {
        var memory = new InMemoryProjectionStore();
        await memory.Apply(Fold(entries));
        foreach (var entry in Fold(entries))
        {
            await _store.Apply([entry]);
        }
        var oneByOne = await YearEndRows(_store);
        await _store.Reset();
        await Projector().CatchUp();
        return (await YearEndRows(memory), oneByOne, await YearEndRows(_store));
    }

    /// <summary>Every month-end row of 2022 under "35": month, person, status, crossing settlement and whether late.</summary>
    private static async Task<List<string>> YearEndRows(IProjectionStore store)
    {
        var rows = new List<string>();
        for (var month = 1; month <= 12; month++)
        {
            await foreach (var row in store.MonthEnd(new MonthEndQuery("35", 2022, month)))
            {
                rows.Add($"{month} {row.PsnNo} {row.Status} {row.SetlId} {(row.Late ? "late" : "")}");
            }
        }
        return rows;
    }

    private static async Task<List<string>> MonthEndRows(IProjectionStore store, int month)
    {
        var rows = new List<string>();
        await foreach (var row in store.MonthEnd(new MonthEndQuery("35", 2022, month)))
        {
            rows.Add($"{row.PsnNo} {row.Status} {row.SetlId} {row.PsnPartAmt:0.00}");
        }
        return rows;
    }

    private static List<FoldedEntry> Fold(IReadOnlyList<JournalEntry> entries) =>
        [.. entries.Select(entry => new FoldedEntry(entry.Position, entry.LoggedAt, ProjectionFold.Changes(entry, Policies)))];

    /// <summary>
    /// One person's year: a March settlement warns on both lines, an April one crosses the 1× line, a
    /// reversal of another settlement and an adjustment of the April one's split.
    /// </summary>
    private static List<JournalEntry> Story(string name, string region = "350102")
    {
        var (psnNo, household) = ($"{name}-P", $"{name}-H");
        var march = new DateTimeOffset(2022, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var april = march.AddMonths(1);
        return
        [
            Entry(EntryKind.Recorded, $"{name}-S1", psnNo, household, region, march, 20_000m, 1,
                Fired(EntryEventKind.Warning, Rule.ReturnToPovertyRisk, Level.Warning, psnNo, 20_000m, 23_229m, march, $"{name}-S1"),
                Fired(EntryEventKind.Warning, Rule.ImpoverishmentRisk, Level.Warning, psnNo, 20_000m, 46_458m, march, $"{name}-S1")),
            Entry(EntryKind.Recorded, $"{name}-S2", psnNo, household, region, april, 5_000m, 1,
                Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, psnNo, 25_000m, 23_229m, april, $"{name}-S2")),
            Entry(EntryKind.Recorded, $"{name}-S3", psnNo, household, region, april.AddDays(5), 100m, 1),
            Entry(EntryKind.Reversed, $"{name}-S3", psnNo, household, region, april.AddDays(5), -100m, -1),
            Entry(EntryKind.Adjusted, $"{name}-S2", psnNo, household, region, april, -50m, 0) with
            {
                Cause = AdjustmentCause.Reversal, CauseId = $"{name}-S3",
            },
        ];
    }

    /// <summary>
    /// A Jinhua person without an identity crosses the 1× line in March; on 1 December dibao is back-dated to
    /// 1 March: the settlement is re-adjudicated into the 困难群众 and under the line.
    /// </summary>
    private static List<JournalEntry> ReAdjudicated(string name)
    {
        var (psnNo, household, region) = ($"{name}-P", $"{name}-H", "330702");
        var march = new DateTimeOffset(2022, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var none = new MemberContext(Policy.Domain.Identities.None, Policy.Domain.Residence.Rural);
        var dibao = none with { Identities = Policy.Domain.Identities.Dibao };
        return
        [
            Entry(EntryKind.Recorded, $"{name}-S1", psnNo, household, region, march, 40_000m, 1,
                Fired(EntryEventKind.Crossed, Rule.ReturnToPovertyRisk, Level.Crossed, psnNo, 40_000m, 23_229m, march, $"{name}-S1")) with
            {
                Context = none, LoggedAt = march, Change = new YearChange(new YearTotals { Total = 100_000m, PolicyScope = 100_000m, Basic = 60_000m,
                    SelfPay = 40_000m, SettlementCount = 1 }, 0m, 0),
            },
            Entry(EntryKind.IdentityChanged, "", psnNo, household, region, Now, 0m, 0,
                Fired(EntryEventKind.Cleared, Rule.ReturnToPovertyRisk, Level.Crossed, psnNo, 10_000m, 23_229m, march, $"{name}-S1")) with
            {
                Context = dibao, Change = default, IdentityPeriods = [new Policy.Domain.IdentityPeriod(Policy.Domain.Identities.Dibao, new DateOnly(2022, 3, 1), null)],
            },
            Entry(EntryKind.Adjusted, $"{name}-S1", psnNo, household, region, march, 0m, 0) with
            {
                Context = dibao, Cause = AdjustmentCause.IdentityChange, CauseId = psnNo, Change = new YearChange(new YearTotals
                {
                    Assistance = 30_000m, SelfPay = -30_000m,
                }, 0m, 0),
            },
        ];
    }

    private static JournalEntry Entry(
        EntryKind kind, string setlId, string psnNo, string household, string region, DateTimeOffset setlTime, decimal selfPay, int count,
        params EntryEvent[] events) => new()
    {
        Kind = kind, SetlId = setlId, PsnNo = psnNo, HouseholdId = household, RegionCode = region, Year = 2022, SetlTime = setlTime,
        LoggedAt = Now, PolicyId = "fujian-2022", Context = new MemberContext(Policy.Domain.Identities.PovertyAlleviated, Policy.Domain.Residence.Rural),
        Change = new YearChange(new YearTotals { Total = selfPay * 2, PolicyScope = selfPay, Basic = selfPay, SelfPay = selfPay, SettlementCount = count }, 0m, 0),
        Events = events,
    };

    private static EntryEvent Fired(EntryEventKind kind, Rule rule, Level level, string psnNo, decimal value, decimal threshold, DateTimeOffset at, string setlId) =>
        new(kind, rule, level, false, psnNo, value, threshold, new SettlementKey(at, setlId));

    /// <summary>Everything the projections answer for 2022 under "35", as one text to compare.</summary>
    private static async Task<string> Snapshot(IProjectionStore store)
    {
        var monitoring = await store.Monitoring(new MonitoringQuery("35", 2022, null, null, null, 1, 500));
        var warnings = await store.Monitoring(new MonitoringQuery("35", 2022, null, "warning", null, 1, 500));
        var months = new List<MonthEndRow>();
        for (var month = 1; month <= 12; month++)
        {
            await foreach (var row in store.MonthEnd(new MonthEndQuery("35", 2022, month)))
            {
                months.Add(row);
            }
        }
        var adjustments = new List<AdjustmentRow>();
        await foreach (var row in store.Adjustments("35", Now.AddYears(-1), Now.AddDays(1)))
        {
            adjustments.Add(row with { SetlTime = row.SetlTime.ToUniversalTime(), LoggedAt = row.LoggedAt.ToUniversalTime() });
        }
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return JsonSerializer.Serialize(new
        {
            monitoring = monitoring.Items.Select(item => item with { SetlTime = item.SetlTime.ToUniversalTime(), Value = item.Value / 1.000000m, Threshold = item.Threshold / 1.000000m }),
            warnings = warnings.TotalCount,
            months = months.Select(row => row with { SetlTime = row.SetlTime.ToUniversalTime(), PsnPartAmt = row.PsnPartAmt / 1.000000m, Threshold = row.Threshold / 1.000000m }),
            kpis = await store.Kpis("35", 2022),
            adjustments,
        }, options);
    }
}

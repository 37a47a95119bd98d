using Ledger.Contracts.Persons;
using Ledger.Grains.Hosting;
using Ledger.Grains.Journal;
using Ledger.Grains.Persons;
using Ledger.Grains.Tests.Cluster;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Silo.Projections;
using Ledger.Silo.Storage;
using Ledger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Serialization;

namespace Ledger.Grains.Tests.Projections;

/// <summary>
/// The household KPI projection counts a mover's settlements of the open years in the household it joined, as
/// the ledger does. Jinhua (3307), dibao, 28 000 out of scope each: A alone in H1, C alone in H2, then A moves to
/// H2, whose ledger pays 6 000 from the warm fund (56 000 over the 50 000 household cap). The projections summed
/// each entry into the household that wrote it: H1 kept A's 28 000, H2 had C's 28 000 and the move's adjustment,
/// and no household was high-cost. The journal the cluster wrote is projected in memory and in PostgreSQL, entry
/// by entry (the live fold), in one batch (the PostgreSQL store merges a batch per table) and rebuilt from position 0.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MoveProjectionTests(ClusterFixture fixture) : IAsyncLifetime
{
    private const string Jinhua = "330702";
    private static readonly DateTimeOffset Now = ClusterFixture.Now;
    private static readonly PolicyCatalogue Policies = PolicyLoader.LoadDirectory(LedgerGrainServices.DefaultPolicyFolder);

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
        _store = new PostgresProjectionStore(NpgsqlDataSource.Create(_database.AppConnectionString));
        await _store.Reset();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _lifecycle.Observer!.OnStop(CancellationToken.None);
        await _database.DisposeAsync();
    }

    /// <param name="moverFirst">
    /// Whose bill is the later, so carries the warm fund's 6 000 after the move: the stayer's (an adjustment of
    /// a settlement H2 wrote) or the mover's (an adjustment, by H2, of a settlement H1 wrote).
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_movers_settlements_count_in_the_household_joined_in_both_stores_live_in_one_batch_and_rebuilt(bool moverFirst)
    {
        var (joined, mover, stayer) = (Build.Id("H"), Build.Id("P"), Build.Id("P"));
        Assert.Null((await fixture.Person(mover).Register(Build.Person(Build.Id("H"), Jinhua, identities: "dibao"))).Error);
        Assert.Null((await fixture.Person(stayer).Register(Build.Person(joined, Jinhua, identities: "dibao"))).Error);
        foreach (var psnNo in moverFirst ? new[] { mover, stayer } : [stayer, mover])
        {
            Assert.Equal(0m, (await fixture.Person(psnNo).Settle(Build.Inpatient(psnNo, 28_000m, 0m))).Amounts!.WarmFundPay);
        }

        var moved = (await fixture.Grains.Register([PersonRecords.Of(mover, joined, Build.Person(joined, Jinhua, identities: "dibao"))]))[0];

        Assert.Equal(RegistrationStatus.Registered, moved.Status);
        var adjusted = Assert.Single(moved.Adjustments);
        Assert.Equal((moverFirst ? stayer : mover, 6_000m), (adjusted.PsnNo, adjusted.Change.WarmFundPay));
        var written = await fixture.Journal.ReadPersons([mover, stayer], 2021, 2022);
        // The mark: from it on, the mover's settlements of the open years (2021 and 2022) count in H2.
        var mark = Assert.Single(written, entry => entry.Kind == EntryKind.Moved);
        Assert.Equal((mover, joined, 2021), (mark.PsnNo, mark.HouseholdId, mark.Year));
        var entries = await Journaled(written);
        var folded = entries.Select(entry => new FoldedEntry(entry.Position, entry.LoggedAt, ProjectionFold.Changes(entry, Policies))).ToList();

        var live = new InMemoryProjectionStore();
        foreach (var entry in folded)
        {
            await live.Apply([entry]);
            await _store.Apply([entry]);
        }
        var answers = new List<KpiSums> { await live.Kpis(Jinhua, 2022), await _store.Kpis(Jinhua, 2022) };
        await live.Reset();
        await live.Apply(folded);
        await _store.Reset();
        await _store.Apply(folded);
        answers.AddRange([await live.Kpis(Jinhua, 2022), await _store.Kpis(Jinhua, 2022)]);
        await _store.Reset();
        await Projector().CatchUp();
        answers.Add(await _store.Kpis(Jinhua, 2022));

        // Both bills in H2: 56 000 before the warm fund, over the household cap; 50 000 after it, at the cap: high-cost and cleared.
        Assert.All(answers, kpis => Assert.Equal((2L, 56_000m, 6_000m, 50_000m, 1L, 1L),
            (kpis.SettlementCount, kpis.MedfeeSumamt, kpis.FundPaySumamt, kpis.PsnPartAmt, kpis.HighCostHouseholds, kpis.HighCostCleared)));
    }

    private Projector Projector() => new(_journal, _store, new SoleLeadership(), Policies, _fanOut, _metrics,
        new FakeTimeProvider(Now), NullLogger<Projector>.Instance);

    /// <summary>The cluster's entries appended to the PostgreSQL journal one by one, in their order (positions are the new journal's).</summary>
    private async Task<List<JournalEntry>> Journaled(IReadOnlyList<JournalEntry> entries)
    {
        var committed = new List<JournalEntry>();
        foreach (var entry in entries)
        {
            committed.AddRange((await _journal.Append(JournalAppend.Of([entry with { Position = 0 }]))).Committed);
        }
        return committed;
    }
}

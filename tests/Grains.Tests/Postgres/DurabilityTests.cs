using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Journal;
using Ledger.Grains.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Grains.Tests.Postgres;

public sealed class DurabilityTests : IAsyncLifetime
{
    // A database per test: the tests read the whole journal of 350102 (the first thousand entries) and count
    // the active rows of the membership table, which another test's thousand settlements or its silos,
    // stopped after their connections were cut, would fill on a shared one whenever it ran first.
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task The_journal_and_the_ledger_it_folds_into_survive_a_silo_restart()
    {
        var psnNo = Build.Id("P");
        var householdId = Build.Id("H");
        var settlement = Build.Inpatient(psnNo, 82_000m, 80_000m);
        SettlementResult first;
        await using (var cluster = await DurableCluster.Start(_database))
        {
            var person = DurableCluster.Person(cluster, psnNo);
            Assert.Null((await person.Register(Build.Person(householdId, "350102", identities: "poverty_alleviated"))).Error);
            first = await person.Settle(settlement);
            Assert.Equal(SettlementStatus.Recorded, first.Status);
        }

        await using (var restarted = await DurableCluster.Start(_database))
        {
            var household = await restarted.Client.GetGrain<IHouseholdGrain>(householdId).Get(2022);
            Assert.Equal((82_000m, 57_922.30m, 24_077.70m, 1), (household.Totals.MedfeeSumamt, household.Totals.FundPaySumamt, household.Totals.PsnPartAmt, household.Totals.SettlementCount));
            Assert.Equal(["critical_deductible_met crossed", "high_cost_settlement crossed", "return_to_poverty_risk crossed", "return_to_poverty_risk warning"],
                household.Members.Single().Thresholds.Select(t => $"{t.Rule} {t.Level}").Order());

            var retry = await DurableCluster.Person(restarted, psnNo).Settle(settlement);
            Assert.Equal((SettlementStatus.Duplicate, first.Amounts), (retry.Status, retry.Amounts));

            var journal = restarted.GetSiloServiceProvider(restarted.Silos[0].SiloAddress).GetRequiredService<IJournal>();
            var entries = await journal.ReadAfter(0, 1_000, "350102");
            Assert.Equal(first.Events.Select(e => e.EventId), entries.Where(entry => entry.SetlId == settlement.SetlId).SelectMany(EntryEvents.Of).Select(e => e.EventId));
        }
    }

    [Fact]
    public async Task The_first_of_a_thousand_settlements_resent_after_a_database_restart_is_a_duplicate_and_reverses_exactly()
    {
        const int settlements = 1_000;
        var psnNo = Build.Id("P");
        var first = Chronic(psnNo, 0);
        SettlementResult firstAnswer;
        await using (var cluster = await DurableCluster.Start(_database))
        {
            var person = DurableCluster.Person(cluster, psnNo);
            Assert.Null((await person.Register(Build.Person(Build.Id("H")))).Error);
            firstAnswer = await person.Settle(first);
            for (var i = 1; i < settlements; i++)
            {
                Assert.Equal(SettlementStatus.Recorded, (await person.Settle(Chronic(psnNo, i))).Status);
            }
            // What the ledger sees of a PostgreSQL restart: every connection to its database cut (a silo's
            // first statement on a cut connection fails and the feed resends; the silo here starts afresh).
            // (As the silos' role, while they run, as a restart finds them: a role may end its own sessions.)
            await using (var app = new Npgsql.NpgsqlConnection(_database.AppConnectionString))
            {
                await app.OpenAsync();
                await using var cut = new Npgsql.NpgsqlCommand(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()", app);
                Assert.True((long)(await cut.ExecuteScalarAsync())! > 0, "no connection of the silo's to cut");
            }
        }
        // The silo here starts afresh: the cut connections leave its pools (this database's only; other
        // tests' silos keep theirs).
        foreach (var connectionString in new[] { _database.AppConnectionString, Silo.Storage.PostgresConnections.Tuned(_database.AppConnectionString) })
        {
            await using var pooled = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(pooled);
        }

        await using var restarted = await DurableCluster.Start(_database);
        var again = DurableCluster.Person(restarted, psnNo);
        var resend = await again.Settle(first);
        var afterResend = (await again.Get(2022))!.Totals;
        var reversal = await again.Reverse(first.SetlId);
        var afterReversal = (await again.Get(2022))!.Totals;

        Assert.Equal((SettlementStatus.Duplicate, firstAnswer.Amounts), (resend.Status, resend.Amounts));
        Assert.Equal((100_000m, settlements), (afterResend.MedfeeSumamt, afterResend.SettlementCount));
        Assert.Equal(SettlementStatus.Reversed, reversal.Status);
        // Each settlement adds 40 (what basic leaves of 100) to the critical-illness base. Without the
        // first, the settlement whose base first passes the deductible comes one later: the old crossing
        // one pays nothing now and the next pays the crossing slice instead of a full 40's share.
        var critical = Policy.Loading.PolicyLoader.LoadDirectory(Hosting.LedgerGrainServices.DefaultPolicyFolder)
            .Find("350102", new DateOnly(2022, 1, 1))!.Critical!;
        var crossing = (int)Math.Floor(critical.Deductible / 40m) + 1;
        var slicePay = Policy.Domain.Money.Round((40m * crossing - critical.Deductible) * critical.Brackets[0].Ratio);
        var fullPay = Policy.Domain.Money.Round(40m * critical.Brackets[0].Ratio);
        Assert.Equal([-slicePay, slicePay - fullPay], reversal.Adjustments.Select(adjustment => adjustment.Change.HifmiPay));
        Assert.All(reversal.Adjustments, adjustment => Assert.Equal(("reversal", first.SetlId), (adjustment.Cause, adjustment.CauseId)));
        Assert.Equal((99_900m, settlements - 1, afterResend.PsnPartAmt - firstAnswer.Amounts!.PsnPartAmt + fullPay),
            (afterReversal.MedfeeSumamt, afterReversal.SettlementCount, afterReversal.PsnPartAmt));
        Assert.Equal(1L, await _database.Scalar<long>($"SELECT count(*) FROM ledger_journal WHERE setl_id = '{first.SetlId}' AND kind = 0"));
    }

    /// <summary>A chronic/special outpatient bill of 100: basic pays 60 %, leaving 40 to the critical-illness base (which general outpatient bills do not reach).</summary>
    private static SettlementRequest Chronic(string psnNo, int index) => Build.Inpatient(psnNo, 100m, 100m, level: 1) with
    {
        MedType = "14",
        SetlTime = new DateTimeOffset(2022, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddMinutes(index * 20),
    };

    [Fact]
    public async Task Two_silos_form_one_cluster_and_serve_the_same_household()
    {
        await using var cluster = await DurableCluster.Start(_database, silos: 2);
        var active = await _database.Scalar<long>("SELECT count(*) FROM orleansmembershiptable WHERE status = 3");
        Assert.Equal(2, active);
        var householdId = Build.Id("H");
        var members = new[] { Build.Id("P"), Build.Id("P"), Build.Id("P") };
        foreach (var psnNo in members)
        {
            var person = DurableCluster.Person(cluster, psnNo);
            await person.Register(Build.Person(householdId));
            await person.Settle(Build.Inpatient(psnNo, 12_000m, 10_000m));
        }

        await cluster.StopSiloAsync(cluster.Silos[1]);
        var household = await cluster.Client.GetGrain<IHouseholdGrain>(householdId).Get(2022);

        Assert.Equal((36_000m, 18_900m, 17_100m, 3), (household.Totals.MedfeeSumamt, household.Totals.HifpPay, household.Totals.PsnPartAmt, household.Totals.SettlementCount));
    }
}

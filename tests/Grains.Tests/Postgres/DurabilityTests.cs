using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Events;
using Ledger.Grains.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Grains.Tests.Postgres;

public sealed class DurabilityTests : IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase _database;

    public DurabilityTests(PostgresDatabase database) => _database = database;

    [Fact]
    public async Task Ledger_state_and_event_log_survive_a_silo_restart()
    {
        var psnNo = Build.Id("P");
        var householdId = Build.Id("H");
        var settlement = Build.Inpatient(psnNo, 82_000m, 80_000m);
        SettlementResult first;
        await using (var cluster = await DurableCluster.Start(_database))
        {
            var person = cluster.Client.GetGrain<IPersonGrain>(psnNo);
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

            var retry = await restarted.Client.GetGrain<IPersonGrain>(psnNo).Settle(settlement);
            Assert.Equal((SettlementStatus.Duplicate, first.Amounts), (retry.Status, retry.Amounts));

            var log = restarted.GetSiloServiceProvider(restarted.Silos[0].SiloAddress).GetRequiredService<IEventLog>();
            var logged = await log.ReadAfter("350102", 0, 1_000);
            Assert.Equal(first.Events.Select(e => e.EventId), logged.Where(l => l.Event.SetlId == settlement.SetlId).Select(l => l.Event.EventId));
        }
    }

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
            var person = cluster.Client.GetGrain<IPersonGrain>(psnNo);
            await person.Register(Build.Person(householdId));
            await person.Settle(Build.Inpatient(psnNo, 12_000m, 10_000m));
        }

        await cluster.StopSiloAsync(cluster.Silos[1]);
        var household = await cluster.Client.GetGrain<IHouseholdGrain>(householdId).Get(2022);

        Assert.Equal((36_000m, 18_900m, 17_100m, 3), (household.Totals.MedfeeSumamt, household.Totals.HifpPay, household.Totals.PsnPartAmt, household.Totals.SettlementCount));
    }
}

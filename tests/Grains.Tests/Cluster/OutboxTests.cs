using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Households;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ledger.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class OutboxTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Events_the_log_refused_are_retried_until_logged_without_another_settlement()
    {
        var log = fixture.SiloService<OutageEventLog>();
        var psnNo = Build.Id("P");
        var person = fixture.Grains.GetGrain<IPersonGrain>(psnNo);
        Assert.Null((await person.Register(Build.Person(Build.Id("H"), identities: "poverty_alleviated"))).Error);
        SettlementResult result;
        log.Down = true;
        try
        {
            // Written, so acknowledged; its events wait in the household's outbox.
            result = await person.Settle(Build.Inpatient(psnNo, 82_000m, 80_000m));
            Assert.Equal(SettlementStatus.Recorded, result.Status);
            Assert.Equal(["settlement_recorded", "threshold_warning", "threshold_crossed", "threshold_crossed", "threshold_crossed"], result.Events.Select(e => e.Kind));
            Assert.Null(await log.SequenceOf(result.Events[0].EventId));
        }
        finally
        {
            log.Down = false;
        }

        foreach (var ledgerEvent in result.Events)
        {
            await Poll.Until(async () => await log.SequenceOf(ledgerEvent.EventId) is not null,
                $"event {ledgerEvent.EventId} logged by the outbox retry", timeoutMilliseconds: 5_000);
        }
    }

    [Fact]
    public async Task Published_events_leave_the_households_outbox()
    {
        var psnNo = Build.Id("P");
        var householdId = Build.Id("H");
        var person = fixture.Grains.GetGrain<IPersonGrain>(psnNo);
        Assert.Null((await person.Register(Build.Person(householdId, identities: "poverty_alleviated"))).Error);

        var result = await person.Settle(Build.Inpatient(psnNo, 82_000m, 80_000m));

        Assert.Equal(5, result.Events.Count);
        foreach (var ledgerEvent in result.Events)
        {
            await Poll.Until(async () => await fixture.EventLog.SequenceOf(ledgerEvent.EventId) is not null, $"event {ledgerEvent.EventId} logged");
        }
        // The embedded storage holds the household's live state object: what it keeps is what memory keeps.
        await Poll.Until(async () => (await StoredHousehold(householdId)).Outbox.Count == 0, $"household {householdId}'s outbox to empty once published");
    }

    private async Task<HouseholdState> StoredHousehold(string householdId)
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>("ledger");
        var state = new GrainState<HouseholdState>(new HouseholdState());
        await storage.ReadStateAsync("household", fixture.Grains.GetGrain<IHouseholdGrain>(householdId).GetGrainId(), state);
        return state.State!;
    }
}

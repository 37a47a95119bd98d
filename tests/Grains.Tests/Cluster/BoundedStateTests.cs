using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class BoundedStateTests(ClusterFixture fixture)
{
    [Fact]
    public void Limits_relate_sensibly()
    {
        Assert.True(Limits.SeenIdsMax > Limits.ReversibleSettlementsMax * 4, "fingerprints must outlast the reversible window by far");
        Assert.True(Limits.OutboxMax > Policy.Engine.Thresholds.ChangesMax * 4, "the outbox must hold several settlements' events");
        Assert.True(Limits.YearsRetainedMax >= 2, "late settlements and reversals of last year need last year's ledger");
    }

    [Fact]
    public async Task Settlement_beyond_the_reversible_window_is_still_a_duplicate_but_no_longer_reversible()
    {
        var psnNo = Build.Id("P");
        var person = fixture.Grains.GetGrain<IPersonGrain>(psnNo);
        await person.Register(Build.Person(Build.Id("H")));
        var oldest = Build.Inpatient(psnNo, 100m, 100m, level: 1) with { MedType = "11" };
        await person.Settle(oldest);
        for (var i = 0; i < Limits.ReversibleSettlementsMax; i++)
        {
            await person.Settle(oldest with { SetlId = Build.Id("S") });
        }

        var retry = await person.Settle(oldest);
        var reversal = await person.Reverse(oldest.SetlId);

        Assert.Equal((SettlementStatus.Duplicate, null), (retry.Status, retry.Amounts));
        Assert.Equal((RejectionCode.Conflict, "setl_id"), (reversal.Error!.Code, reversal.Error.Field));
        Assert.Equal(Limits.ReversibleSettlementsMax + 1, (await person.Get(2022))!.Totals.SettlementCount);
    }
}

using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Grains.Households;
using Ledger.Grains.Persons;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// The embedded mode's snapshot store reads back what a household wrote: with Orleans' default JSON
/// serializer it could not (a CLR type name in the JSON it could not resolve), so a household that
/// deactivated after writing one answered errors from then on. A move starts both households' snapshots
/// and answers without waiting for them, as every other request does.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SnapshotStorageTests(ClusterFixture fixture)
{
    private const string Jinhua = "330702";

    [Fact]
    public async Task A_household_snapshot_written_on_a_move_reads_back_with_its_members_years()
    {
        var (left, joined, a, b) = await TwoMembers();
        // The move starts the snapshot of the household left (and of the one joined).
        Assert.Null((await fixture.Person(a).Register(Build.Person(joined, Jinhua, identities: "dibao"))).Error);

        var snapshot = await SnapshotWith(left, [b]);

        Assert.Equal(Jinhua, snapshot.RegionCode);
        Assert.True(snapshot.Position > 0);
    }

    [Fact]
    public async Task A_move_answers_while_both_households_snapshot_writes_stall()
    {
        var (left, joined, a, b) = await TwoMembers();
        var (leftId, joinedId) = (GrainOf(left), GrainOf(joined));
        fixture.Snapshots.Hold(leftId);
        fixture.Snapshots.Hold(joinedId);
        try
        {
            var move = fixture.Grains.Register([PersonRecords.Of(a, joined, Build.Person(joined, Jinhua, identities: "dibao"))]);
            var answered = await Task.WhenAny(move, Task.Delay(TimeSpan.FromSeconds(20)));

            Assert.True(answered == move, "the move should answer while the snapshot store stalls (the journal has its entries)");
            var outcome = (await move)[0];
            Assert.Equal((RegistrationStatus.Registered, null), (outcome.Status, outcome.Error));
            // Without A, B's 28 000 is under the cap: the warm fund's 6 000 goes back to self-pay.
            var adjustment = Assert.Single(outcome.Adjustments);
            Assert.Equal((b, "member_moved", a, -6_000m, 6_000m),
                (adjustment.PsnNo, adjustment.Cause, adjustment.CauseId, adjustment.Change.WarmFundPay, adjustment.Change.PsnPartAmt));
            Assert.Equal((1, 1), (fixture.Snapshots.HeldWrites(leftId), fixture.Snapshots.HeldWrites(joinedId)));
        }
        finally
        {
            fixture.Snapshots.Let(leftId);
            fixture.Snapshots.Let(joinedId);
        }
        await SnapshotWith(left, [b]);
        await SnapshotWith(joined, [a]);
    }

    /// <summary>Jinhua, dibao, 28 000 out of scope each: the second bill takes the household 6 000 over its 50 000 cap.</summary>
    private async Task<(string Left, string Joined, string A, string B)> TwoMembers()
    {
        var (left, joined) = (Build.Id("H"), Build.Id("H"));
        var (a, b) = (Build.Id("P"), Build.Id("P"));
        Assert.Null((await fixture.Person(a).Register(Build.Person(left, Jinhua, identities: "dibao"))).Error);
        Assert.Null((await fixture.Person(b).Register(Build.Person(left, Jinhua, identities: "dibao"))).Error);
        Assert.Equal(0m, (await fixture.Person(a).Settle(Build.Inpatient(a, 28_000m, 0m))).Amounts!.WarmFundPay);
        Assert.Equal(6_000m, (await fixture.Person(b).Settle(Build.Inpatient(b, 28_000m, 0m))).Amounts!.WarmFundPay);
        return (left, joined, a, b);
    }

    private GrainId GrainOf(string householdId) => fixture.Grains.GetGrain<IHouseholdGrain>(householdId).GetGrainId();

    /// <summary>The household's stored snapshot once it holds exactly <paramref name="members"/> (written off the answer path).</summary>
    private async Task<HouseholdSnapshot> SnapshotWith(string householdId, string[] members)
    {
        var storage = fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(HouseholdGrain.SnapshotStorage);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var state = new GrainState<HouseholdSnapshot>();
            await storage.ReadStateAsync("household", GrainOf(householdId), state);
            var stored = state.RecordExists ? state.State!.Members.Select(member => member.PsnNo).Order(StringComparer.Ordinal).ToArray() : null;
            if (stored is not null && stored.SequenceEqual(members.Order(StringComparer.Ordinal)))
            {
                return state.State!;
            }
            Assert.True(DateTime.UtcNow < deadline, $"household {householdId}: snapshot with its members not written within 20 s (stored: {(stored is null ? "none" : string.Join(",", stored))})");
            await Task.Delay(50);
        }
    }
}

using Ledger.Contracts;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Persons;
using Ledger.Policy.Households;

namespace Ledger.Grains.Tests.Cluster;

/// <summary>
/// A move whose second append (the household left re-adjudicating its years without the mover) is not
/// written: the move stands, and the household left is re-adjudicated once the registration is sent again,
/// exactly once. Jinhua (3307), dibao: household cap 50 000, the warm fund pays above it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MoveDepartureTests(ClusterFixture fixture)
{
    private const string Jinhua = "330702";

    [Fact]
    public async Task A_departure_lost_to_a_storage_failure_is_journaled_when_the_registration_is_sent_again()
    {
        var (left, mover, stayer) = await CappedHousehold();
        var to = Build.Id("H");
        fixture.Journal.FailNextAppendOf(left);

        var first = await Register(mover, to);

        Assert.Equal((RegistrationStatus.Rejected, RejectionCode.Unavailable), (first.Status, first.Error?.Code));
        Assert.False(fixture.Journal.FailurePending(left));
        Assert.Equal(to, (await fixture.Journal.FindPerson(mover))!.HouseholdId);

        var resent = await Register(mover, to);

        Assert.Equal(RegistrationStatus.Unchanged, resent.Status);
        AssertGivesTheWarmFundBack(resent, stayer, mover);
        await AssertLeftOnce(left, stayer, mover);
        var again = await Register(mover, to);
        Assert.Equal((RegistrationStatus.Unchanged, 0), (again.Status, again.Adjustments.Count));
        await AssertLeftOnce(left, stayer, mover);
    }

    [Fact]
    public async Task A_departure_whose_household_is_unreachable_past_the_retries_is_journaled_by_the_retried_move()
    {
        var (left, mover, stayer) = await CappedHousehold();
        var to = Build.Id("H");
        fixture.LeavingSilo.Refuse(left, "Departed", times: TransientRetry.Delays.Length + 1);

        var moved = await Register(mover, to);

        Assert.False(fixture.LeavingSilo.Pending(left, "Departed"));
        Assert.Null(moved.Error);
        AssertGivesTheWarmFundBack(moved, stayer, mover);
        await AssertLeftOnce(left, stayer, mover);
    }

    /// <summary>
    /// Once the household left has journaled its departure (its mark, member_left), a resend of the mover's
    /// registration does not ask it again: it answered "unavailable" when the household left could not be
    /// reached, though there was nothing left to do (and every resend read the household's history and planned).
    /// </summary>
    [Fact]
    public async Task A_resend_after_the_departure_is_journaled_does_not_ask_the_household_left_again()
    {
        var (left, mover, stayer) = await CappedHousehold();
        var to = Build.Id("H");
        var moved = await Register(mover, to);
        Assert.Equal(RegistrationStatus.Registered, moved.Status);
        var mark = Assert.Single(await fixture.Journal.ReadPersons([mover], 2022, 2022), entry => entry.Kind == EntryKind.Departed);
        Assert.Equal(left, mark.HouseholdId);
        // The household left unreachable for good: asking it would answer the resend "unavailable".
        fixture.LeavingSilo.Refuse(left, "Departed", times: 1_000);

        var resent = await Register(mover, to);

        Assert.Equal((RegistrationStatus.Unchanged, null, 0), (resent.Status, resent.Error?.Code, resent.Adjustments.Count));
        await AssertLeftOnce(left, stayer, mover);
    }

    /// <summary>Two dibao members, 28 000 each out of scope: the second's bill takes the household to 56 000, 6 000 above its cap.</summary>
    private async Task<(string Household, string Mover, string Stayer)> CappedHousehold()
    {
        var household = Build.Id("H");
        var (mover, stayer) = (Build.Id("P"), Build.Id("P"));
        foreach (var psnNo in new[] { mover, stayer })
        {
            Assert.Null((await fixture.Person(psnNo).Register(Build.Person(household, Jinhua, identities: "dibao"))).Error);
        }
        Assert.Equal(0m, (await fixture.Person(mover).Settle(Build.Inpatient(mover, 28_000m, 0m))).Amounts!.WarmFundPay);
        Assert.Equal(6_000m, (await fixture.Person(stayer).Settle(Build.Inpatient(stayer, 28_000m, 0m))).Amounts!.WarmFundPay);
        return (household, mover, stayer);
    }

    private async Task<RegistrationOutcome> Register(string psnNo, string householdId)
    {
        var profile = Build.Person(householdId, Jinhua, identities: "dibao");
        return (await fixture.Grains.Register([PersonRecords.Of(psnNo, householdId, profile)]))[0];
    }

    /// <summary>Without the mover the stayer's 28 000 is under the household cap: the warm fund's 6 000 goes back to self-pay.</summary>
    private static void AssertGivesTheWarmFundBack(RegistrationOutcome outcome, string stayer, string mover)
    {
        var adjustment = Assert.Single(outcome.Adjustments);
        Assert.Equal((stayer, "member_moved", mover, -6_000m, 6_000m),
            (adjustment.PsnNo, adjustment.Cause, adjustment.CauseId, adjustment.Change.WarmFundPay, adjustment.Change.PsnPartAmt));
    }

    /// <summary>The household left holds the stayer's bill alone, re-adjudicated once: one member_moved adjustment in the journal.</summary>
    private async Task AssertLeftOnce(string left, string stayer, string mover)
    {
        var household = await fixture.Grains.GetGrain<IHouseholdGrain>(left).Get(2022);
        Assert.Equal((1, 28_000m, 0m, 28_000m),
            (household.Totals.SettlementCount, household.Totals.MedfeeSumamt, household.Totals.WarmFundPay, household.Totals.PsnPartAmt));
        var adjusted = (await fixture.Journal.ReadPersons([stayer], 2022, 2022)).Where(entry => entry.Kind == EntryKind.Adjusted).ToList();
        Assert.Equal([(left, AdjustmentCause.MemberMoved, mover, -6_000m)],
            adjusted.Select(entry => (entry.HouseholdId, entry.Cause, entry.CauseId, entry.Change.Totals.WarmFund)));
    }
}

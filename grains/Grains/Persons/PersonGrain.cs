using Ledger.Contracts;
using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Journal;

namespace Ledger.Grains.Persons;

/// <summary>
/// A person: finds its household from its registration and forwards to it, and moves it between
/// households one request at a time. Keeps nothing of its own (the registration is its household's to
/// write), so it is let go after two idle minutes instead of the default fifteen: settlements reach
/// households directly once a silo knows the household, and a million idle persons would otherwise
/// keep a million activations.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class PersonGrain(IJournal journal, IGrainFactory grains) : Grain, IPersonGrain
{
    private string PsnNo => this.GetPrimaryKeyString();

    public Task<SettlementResult> Settle(SettlementRequest settlement) =>
        Forward(settlement.SetlId, household => household.RecordFor(PsnNo, settlement with { PsnNo = PsnNo }));

    public Task<SettlementResult> Reverse(string setlId) => Forward(setlId, household => household.Reverse(PsnNo, setlId));

    /// <summary>
    /// To the household the registration names. A household that no longer holds the person was left
    /// between reading the registration and the call (a move): it is read once more.
    /// </summary>
    private async Task<SettlementResult> Forward(string setlId, Func<IHouseholdGrain, Task<SettlementResult>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await journal.FindPerson(PsnNo) is not { } person)
            {
                return SettlementResult.Rejected(setlId, new Rejection(RejectionCode.NotFound, "psn_no", "the person is not registered"));
            }
            var result = await call(grains.Household(person.HouseholdId));
            if (result.Error?.Code != RejectionCode.NotAMember || attempt > 0)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// Moves the person to the household its new registration names: the household it leaves lets it go
    /// first (so it records nothing more for it), the new one takes its registration over together with
    /// its journal (re-adjudicating its years with the person in them), and the old one takes it back if
    /// the new one refuses or its answer is lost, or, once the registration moved, re-adjudicates its
    /// years without the person; the answer lists both households' adjustments. A move
    /// may be sent again (its caller retries while a silo leaves, the feed resends what was answered
    /// "unavailable"): a second attempt finds the registration already moved and answers as a
    /// registration it finds unchanged, with the household left's re-adjudication if that was lost
    /// (<see cref="Departures"/>).
    /// </summary>
    public async Task<RegistrationOutcome> Move(PersonRecord person)
    {
        var to = grains.Household(person.HouseholdId);
        if (await journal.FindPerson(PsnNo) is not { } current || current.HouseholdId == person.HouseholdId)
        {
            return await grains.Finish((await to.Register([person]))[0]);
        }
        var from = grains.Household(current.HouseholdId);
        await from.Release(PsnNo);
        RegistrationOutcome? outcome = null;
        try
        {
            outcome = await to.Admit(person, current.HouseholdId);
            return outcome.Status == RegistrationStatus.Registered
                ? outcome with { Adjustments = [.. outcome.Adjustments, .. await Departed(from)] }
                : outcome;
        }
        finally
        {
            // Refused, or lost: a lost admission may have been journaled, and Restore takes the person
            // back only if its registration did not move, so the household left never keeps it let go.
            if (outcome?.Status != RegistrationStatus.Registered)
            {
                await TakeBack(from);
            }
        }
    }

    /// <summary>
    /// The household left re-adjudicates its years without the person once the registration has moved,
    /// retried while its silo leaves. A failure past that is not swallowed: the move stands, and the
    /// caller's retry or the feed's resend finds the departure still to do (<see cref="Departures"/>).
    /// </summary>
    private Task<IReadOnlyList<AdjustmentView>> Departed(IHouseholdGrain from) => TransientRetry.RunAsync(() => from.Departed(PsnNo));

    private async Task TakeBack(IHouseholdGrain from)
    {
        try
        {
            await from.Restore(PsnNo);
        }
        catch (Exception gone) when (TransientRetry.IsSiloGone(gone))
        {
            // Its activation went with its silo, and the next one loads its members from the journal.
        }
    }
}

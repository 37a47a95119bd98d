using Ledger.Contracts;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Persons;

/// <summary>
/// The second half of a move, asked for again. A move journals the household joined's part with the
/// registration and the household left's in an append of its own; if that one is lost (storage failed,
/// a silo died in between) the registration has moved all the same. Which households a member left is
/// read from the journal (the member's entries of its open years written by another household), not
/// kept anywhere, and each is asked to re-adjudicate without it: idempotent, since the household plans
/// the departure against the journal and finds nothing left once it is done.
/// </summary>
public static class Departures
{
    /// <summary>
    /// The outcome with the departures of the households it names journaled and their adjustments added
    /// (retried while a silo leaves; a failure past that is the caller's "unavailable, resend").
    /// </summary>
    public static async Task<RegistrationOutcome> Finish(this IGrainFactory grains, RegistrationOutcome outcome)
    {
        if (outcome.HouseholdsLeft.Count == 0)
        {
            return outcome;
        }
        var adjustments = new List<AdjustmentView>(outcome.Adjustments);
        foreach (var left in outcome.HouseholdsLeft)
        {
            adjustments.AddRange(await TransientRetry.RunAsync(() => grains.Household(left).Departed(outcome.PsnNo)));
        }
        return outcome with { Adjustments = adjustments, HouseholdsLeft = [] };
    }
}

using Ledger.Client.WhatIf.Input;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Ledger.Shared;

namespace Ledger.Client.WhatIf.Replay;

/// <summary>What one settlement came to in a run: its split as a year change, or the reason the ledger refused it.</summary>
public readonly record struct SettlementOutcome(YearTotals Split, Identities Identities, CapBinding CapBinding, string? Refusal)
{
    public bool Recorded => Refusal is null;
}

/// <summary>A household-year replayed under one policy catalogue: the ledger at year end and each settlement's outcome, in order.</summary>
public sealed record HouseholdRun(HouseholdLedger Ledger, SettlementOutcome[] Outcomes, int Year)
{
    public PersonYear PersonYear(string psnNo) => Ledger.Members[psnNo].Years.Get(Year);

    public HouseholdYear HouseholdYear => Ledger.Years.Get(Year).Year;

    /// <summary>
    /// Replays <paramref name="household"/> through a fresh <see cref="HouseholdLedger"/>: every settlement
    /// recorded in settlement-time order (so none is late and no history is read), folded exactly as the
    /// household grain folds what its journal committed.
    /// </summary>
    public static HouseholdRun Replay(ReplayHousehold household, int year, PolicyLookup policies)
    {
        var ledger = HouseholdLedger.Of(household.HouseholdId, household.Members);
        var outcomes = new SettlementOutcome[household.Settlements.Length];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var settlement = household.Settlements[i];
            var recorded = ledger.RecordInOrder(settlement.PsnNo, settlement.Key, settlement.Claim, policies);
            outcomes[i] = recorded.Refusal is { } refusal
                ? new SettlementOutcome(default, default, default, refusal.Reason)
                : new SettlementOutcome(recorded.Change.Totals, recorded.Context.Identities, recorded.CapBinding, null);
        }
        return new HouseholdRun(ledger, outcomes, year);
    }

    public static PolicyLookup Lookup(PolicyCatalogue catalogue) => catalogue.Find;

}

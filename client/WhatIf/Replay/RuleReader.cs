using Ledger.Client.WhatIf.Input;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Client.WhatIf.Replay;

/// <summary>
/// A rule's value and threshold at year end in each run, read by the engine itself (<see cref="RuleReadings"/>)
/// with the policy and member context of the subject's last recorded settlement, so the report shows what fired.
/// </summary>
internal sealed class RuleReader(ReplayHousehold household, HouseholdRun before, HouseholdRun after, PolicyLookup beforePolicies, PolicyLookup afterPolicies)
{
    /// <summary>The readings for a person (<paramref name="psnNo"/>) or, when null, the household.</summary>
    public (RuleReading? Before, RuleReading? After) Read(Rule rule, string? psnNo) =>
        (Read(rule, psnNo, before, beforePolicies), Read(rule, psnNo, after, afterPolicies));

    private RuleReading? Read(Rule rule, string? psnNo, HouseholdRun run, PolicyLookup policies)
    {
        for (var i = household.Settlements.Length - 1; i >= 0; i--)
        {
            var settlement = household.Settlements[i];
            var outcome = run.Outcomes[i];
            if (!outcome.Recorded || (psnNo is not null && settlement.PsnNo != psnNo))
            {
                continue;
            }
            var profile = household.Members.First(member => member.PsnNo == settlement.PsnNo);
            return policies(profile.RegionCode, settlement.Claim.Date) is { } policy
                ? RuleReadings.Read(policy, rule, profile.On(settlement.Claim.Date), run.PersonYear(settlement.PsnNo), run.HouseholdYear)
                : null;
        }
        return null;
    }
}

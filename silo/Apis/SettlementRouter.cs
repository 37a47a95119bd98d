using System.Collections.Concurrent;
using Ledger.Contracts;
using Ledger.Contracts.Settlements;

namespace Ledger.Silo.Apis;

/// <summary>
/// Routes a settlement to its household. The household holds every member's snapshot (dated
/// identities and residence, pushed by the person grain at registration), so once this silo knows a
/// person's household it calls the household directly: the same computation with one grain call
/// instead of two, and person grains are not kept active by the feed. Unknown persons, and any the
/// household says are no longer its members (a move), go through the person grain, which finds the
/// household and carries the person's snapshot, as on first contact.
/// </summary>
public sealed class SettlementRouter(IGrainFactory grains)
{
    /// <summary>
    /// Persons whose household this silo remembers (about 150 bytes each); past this the memory starts
    /// over. Sized for a prefecture: a miss costs a person activation, far more than an entry.
    /// </summary>
    public const int RoutesMax = 1_000_000;

    private readonly ConcurrentDictionary<string, string> _households = new(StringComparer.Ordinal);

    public async Task<SettlementResult> Settle(SettlementRequest settlement)
    {
        if (_households.TryGetValue(settlement.PsnNo, out var householdId))
        {
            var direct = await grains.Household(householdId).RecordFor(settlement.PsnNo, settlement);
            if (direct.Error?.Code != RejectionCode.NotAMember)
            {
                return direct;
            }
            _households.TryRemove(settlement.PsnNo, out _);
        }
        var result = await grains.Person(settlement.PsnNo).Settle(settlement);
        if (result.Status is SettlementStatus.Recorded or SettlementStatus.Duplicate && result.HouseholdId is { } household)
        {
            Remember(settlement.PsnNo, household);
        }
        return result;
    }

    /// <summary>Notes a person's household, from a settlement's answer or a registration.</summary>
    public void Remember(string psnNo, string householdId)
    {
        if (_households.Count >= RoutesMax)
        {
            _households.Clear();
        }
        _households[psnNo] = householdId;
    }
}

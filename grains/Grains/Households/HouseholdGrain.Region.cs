using Ledger.Contracts.Households;
using Ledger.Contracts.Settlements;

namespace Ledger.Grains.Households;

/// <summary>
/// A household belongs to one region: its members share it. A member of another region is refused
/// (409 naming household_id) when it would join or settle, so a household's totals, caps and events
/// are never read under one region's scope while holding another region's person. A sole member may
/// change region (the household moves with it); the region itself is not named in the refusal.
/// </summary>
public sealed partial class HouseholdGrain
{
    private Rejection? OtherRegion(MemberSnapshot member)
    {
        foreach (var (psnNo, other) in State.Members)
        {
            if (psnNo != member.PsnNo && other.Snapshot.RegionCode != member.RegionCode)
            {
                return new Rejection(RejectionCode.Conflict, "household_id",
                    "the household belongs to another region: a household's members share one region_code; register the person in a household of its own region");
            }
        }
        return null;
    }
}

using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Households;

/// <summary>The engine's view of a member on a date: identities valid that day and residence.</summary>
internal static class MemberContexts
{
    public static MemberContext On(MemberSnapshot member, DateOnly date)
    {
        // A loop, not the Periods enumeration: this runs for every settlement.
        var identities = Identities.None;
        foreach (var identity in member.Identities)
        {
            if (IdentityCodes.TryParse(identity.Type, out var parsed) && new IdentityPeriod(parsed, identity.Begin, identity.End).IsValidOn(date))
            {
                identities |= parsed;
            }
        }
        return new(identities, member.Residence == "urban" ? Residence.Urban : Residence.Rural);
    }
}

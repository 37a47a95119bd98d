using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Households;

/// <summary>The engine's view of a member on a date: identities valid that day and residence.</summary>
internal static class MemberContexts
{
    public static MemberContext On(MemberSnapshot member, DateOnly date) =>
        new(IdentityPeriod.ValidOn(Periods(member.Identities), date),
            member.Residence == "urban" ? Residence.Urban : Residence.Rural);

    /// <summary>Identity records as engine periods; unknown codes were refused at registration.</summary>
    public static IEnumerable<IdentityPeriod> Periods(IEnumerable<IdentityRecord> identities)
    {
        foreach (var identity in identities)
        {
            if (IdentityCodes.TryParse(identity.Type, out var parsed))
            {
                yield return new IdentityPeriod(parsed, identity.Begin, identity.End);
            }
        }
    }
}

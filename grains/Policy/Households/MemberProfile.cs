using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Policy.Households;

/// <summary>
/// A household member as the ledger computes with it: region, residence and dated identities. A
/// settlement uses the identities valid on its date as known now, so a back-dated identity changes the
/// split of settlements already recorded (see <see cref="HouseholdReplay"/>).
/// </summary>
public sealed record MemberProfile(string PsnNo, string RegionCode, Residence Residence, IdentityPeriod[] Identities)
{
    public MemberContext On(DateOnly date)
    {
        // A loop, not LINQ: this runs for every settlement.
        var set = Ledger.Policy.Domain.Identities.None;
        foreach (var period in Identities)
        {
            if (period.IsValidOn(date))
            {
                set |= period.Identity;
            }
        }
        return new(set, Residence);
    }

    /// <summary>
    /// The first date on which the two profiles give different identities, or null when none does. Identity
    /// validity changes only at a period's begin or the day after its end, so those dates are the only
    /// candidates. Residence is not dated: the ledger decides from when a residence change counts.
    /// </summary>
    public DateOnly? FirstDifferenceFrom(MemberProfile other)
    {
        var candidates = Identities.Concat(other.Identities)
            .SelectMany(period => period.End is { } end && end < DateOnly.MaxValue ? [period.Begin, end.AddDays(1)] : new[] { period.Begin })
            .Distinct().Order();
        foreach (var date in candidates)
        {
            if (On(date).Identities != other.On(date).Identities)
            {
                return date;
            }
        }
        return null;
    }
}

using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Policy.Model;

/// <summary>
/// Who a rule of a layer is for: anyone holding one of <see cref="AnyOf"/> on the settlement date,
/// and, where the seed says 农村, only rural residents. An empty set is nobody (the loader refuses it
/// on a layer), so a missing tilt or bonus can never pay everyone.
/// </summary>
public readonly record struct Eligibility(Identities AnyOf, bool RuralOnly)
{
    public static readonly Eligibility Nobody = new(Identities.None, false);

    public bool Holds(in MemberContext member) =>
        (member.Identities & AnyOf) != 0 && (!RuralOnly || member.Residence == Residence.Rural);
}

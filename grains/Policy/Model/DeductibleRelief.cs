using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Policy.Model;

/// <summary>
/// A basic-insurance deductible that is not charged: for whom, and, where the seed limits it to a
/// place (州内, 省域内), only at hospitals whose region code starts with <see cref="HospitalWithin"/>.
/// A settlement without the hospital's region code (<c>mdtrtarea_admvs</c>) is taken to be treated at
/// home, inside every such place: the national platform leaves the field to the hospital's own area.
/// </summary>
public sealed record DeductibleRelief(Eligibility Eligible, string? HospitalWithin)
{
    public bool Applies(in Claim claim, in MemberContext member) =>
        Eligible.Holds(member)
        && (HospitalWithin is null || claim.HospitalRegion is null || claim.HospitalRegion.StartsWith(HospitalWithin, StringComparison.Ordinal));
}

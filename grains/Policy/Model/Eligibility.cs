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

/// <summary>The payers a floor can count or book its top-up to (DESIGN §4: which payers count, which pays).</summary>
[Flags]
public enum Payers : byte
{
    None = 0,
    Basic = 1 << 0,
    Critical = 1 << 1,
    Assistance = 1 << 2,
    Floor = 1 << 3,
    Supplementary = 1 << 4,
}

public static class PayerCodes
{
    private static readonly (string Code, Payers Payer)[] All =
    [
        ("basic", Payers.Basic), ("critical", Payers.Critical), ("assistance", Payers.Assistance),
        ("floor", Payers.Floor), ("supplementary", Payers.Supplementary),
    ];

    public static IEnumerable<string> Codes => All.Select(entry => entry.Code);

    public static bool TryParse(string? code, out Payers payer)
    {
        foreach (var (candidate, value) in All)
        {
            if (string.Equals(candidate, code, StringComparison.Ordinal))
            {
                payer = value;
                return true;
            }
        }
        payer = Payers.None;
        return false;
    }
}

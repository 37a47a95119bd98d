using Ledger.Policy.Domain;

namespace Ledger.Policy.Model;

/// <summary>A set of medical types as bits, so a layer's "applies to" test is one AND.</summary>
public readonly record struct MedicalTypes(byte Bits)
{
    public static readonly MedicalTypes All = new(0b111);

    public bool Contains(MedicalType medicalType) => (Bits & (1 << (int)medicalType)) != 0;

    public static MedicalTypes Of(IEnumerable<MedicalType> types) =>
        new((byte)types.Aggregate(0, (bits, type) => bits | (1 << (int)type)));
}

/// <summary>One payer of the waterfall, resolved for one date segment: plain numbers, no lookups.</summary>
public abstract record Layer;

/// <summary>
/// Basic insurance: per-admission deductible and ratio by medical type and hospital level. The
/// deductible is not charged where <see cref="Waiver"/> applies; a referred inpatient admission where
/// <see cref="Referral"/> applies is charged only what it exceeds what the year's earlier inpatient stays
/// paid towards theirs (起付线连续计算: the deductible is computed on, see <c>BasicLayerMath.Deductible</c>).
/// </summary>
public sealed record BasicLayer(
    decimal[] DeductibleByTypeAndLevel,
    decimal[] RatioByTypeAndLevel,
    DeductibleRelief? Waiver,
    DeductibleRelief? Referral,
    BasicBonus[] Bonuses,
    decimal? AnnualCap) : Layer
{
    public static int Index(MedicalType medicalType, int hospitalLevel) => (int)medicalType * 3 + hospitalLevel - 1;
}

/// <summary>Extra reimbursement points for an identity at hospitals of at least a level.</summary>
public sealed record BasicBonus(Eligibility Eligible, int MinLevel, MedicalTypes MedicalTypes, decimal Points);

/// <summary>Critical-illness insurance: annual deductible, brackets over the cumulative base, tilt.</summary>
public sealed record CriticalLayer(
    decimal Deductible,
    CriticalBracket[] Brackets,
    decimal? AnnualCap,
    CriticalTilt Tilt,
    MedicalTypes MedicalTypes) : Layer;

/// <summary>A ratio that holds from <see cref="Above"/> yuan above the deductible to the next bracket.</summary>
public sealed record CriticalBracket(decimal Above, decimal Ratio);

/// <summary>The tilt for the poorest: deductible × factor, + points, and optionally no cap.</summary>
public sealed record CriticalTilt(Eligibility Eligible, decimal DeductibleFactor, decimal Points, bool NoCap);

/// <summary>Medical assistance: ratio by identity (highest applicable wins), one shared annual limit.</summary>
public sealed record AssistanceLayer(IdentityRatio[] Ratios, decimal? AnnualLimit, MedicalTypes MedicalTypes) : Layer;

public sealed record IdentityRatio(Eligibility Eligible, decimal Ratio);

public enum FloorBase : byte
{
    PolicyScope = 0,
    Total = 1,
}

/// <summary>
/// Top-up so that what the <see cref="Counted"/> payers paid for this settlement reaches
/// <see cref="Target"/> of its base; booked to <see cref="PaidBy"/> (the floor's own line, or the fund
/// the seed names, e.g. medical assistance). What that payer already paid in this settlement counts
/// towards the top-up, so a platform that reported the top-up as given is not paid twice.
/// </summary>
public sealed record FloorLayer(
    Eligibility Eligible, decimal Target, FloorBase Base, MedicalTypes MedicalTypes, Payers Counted, Payers PaidBy) : Layer;

/// <summary>
/// A further fund (charity) paying a ratio of the policy-scope self-pay left, up to a cap. When the
/// feed reports what others paid (<c>oth_pay</c>), that figure stands for this fund too.
/// </summary>
public sealed record SupplementaryLayer(
    string Name, IdentityRatio[] Ratios, decimal? AnnualCap, MedicalTypes MedicalTypes) : Layer;

/// <summary>The warm fund: pays whatever pushes a year burden above the individual or household cap.</summary>
public sealed record BurdenCapLayer(Eligibility Eligible, decimal IndividualCap, decimal HouseholdCap) : Layer;

using Ledger.Policy.Domain;
using Ledger.Policy.Model;

namespace Ledger.Policy.Engine;

/// <summary>Basic insurance: (policy scope − deductible) × (ratio + identity points), up to the annual cap.</summary>
internal static class BasicLayerMath
{
    public static decimal Pay(BasicLayer layer, in Claim claim, in MemberContext member, in PersonYear person, decimal deductible)
    {
        var index = BasicLayer.Index(claim.MedicalType, claim.HospitalLevel);
        var ratio = layer.RatioByTypeAndLevel[index];
        foreach (var bonus in layer.Bonuses)
        {
            if (bonus.Eligible.Holds(member) && claim.HospitalLevel >= bonus.MinLevel
                && bonus.MedicalTypes.Contains(claim.MedicalType))
            {
                ratio += bonus.Points;
            }
        }
        var pay = Money.Round(Money.NotNegative(claim.PolicyScope - deductible) * Math.Min(ratio, 1m));
        return Capped(pay, layer.AnnualCap, person.Totals.Basic);
    }

    public static decimal Capped(decimal pay, decimal? cap, decimal used) =>
        cap is { } limit ? Math.Min(pay, Money.NotNegative(limit - used)) : pay;

    /// <summary>
    /// The deductible this settlement is charged, and what its bill pays towards it (inpatient only: zero
    /// otherwise). A referred inpatient admission of a person the policy names pays only what its deductible
    /// exceeds what the person's earlier inpatient stays of the year paid towards theirs (住院起付线连续计算,
    /// 000 二(三)16; 住院费用可连续计算起付线, 003 三(三)8: the deductible is computed on, not charged again
    /// and not waived). The feed does not say which stay referred the person, so every earlier stay of the
    /// year counts (<see cref="PersonYear.InpatientDeductiblePaid"/>); a first stay of the year pays the whole
    /// deductible, referred or not.
    /// </summary>
    public static (decimal Charged, decimal Paid) Deductible(BasicLayer layer, in Claim claim, in MemberContext member, in PersonYear person)
    {
        var scheduled = layer.DeductibleByTypeAndLevel[BasicLayer.Index(claim.MedicalType, claim.HospitalLevel)];
        var inpatient = claim.MedicalType == MedicalType.Inpatient;
        var continued = inpatient && claim.Referral && layer.Referral?.Applies(claim, member) == true;
        var charged = layer.Waiver?.Applies(claim, member) == true ? 0m
            : continued ? Money.NotNegative(scheduled - person.InpatientDeductiblePaid)
            : scheduled;
        // A bill smaller than the deductible pays only its policy scope towards it.
        return (charged, inpatient ? Math.Min(charged, Money.NotNegative(claim.PolicyScope)) : 0m);
    }
}

/// <summary>
/// Critical illness: the base accumulates over the year; this settlement pays the brackets' ratios on
/// the slice of the cumulative base it adds above the (tilted) deductible.
/// </summary>
internal static class CriticalLayerMath
{
    public static decimal Deductible(CriticalLayer layer, in MemberContext member) =>
        IsTilted(layer, member) ? Money.Round(layer.Deductible * layer.Tilt.DeductibleFactor) : layer.Deductible;

    public static decimal Pay(CriticalLayer layer, in MemberContext member, in PersonYear person, decimal baseNow)
    {
        var tilted = IsTilted(layer, member);
        var deductible = Deductible(layer, member);
        var points = tilted ? layer.Tilt.Points : 0m;
        var from = person.CriticalBase - deductible;
        var to = from + baseNow;
        var pay = 0m;
        for (var i = 0; i < layer.Brackets.Length; i++)
        {
            var low = layer.Brackets[i].Above;
            var high = i + 1 < layer.Brackets.Length ? layer.Brackets[i + 1].Above : decimal.MaxValue;
            var overlap = Math.Min(to, high) - Math.Max(from, low);
            if (overlap > 0m)
            {
                pay += overlap * Math.Min(layer.Brackets[i].Ratio + points, 1m);
            }
        }
        var cap = tilted && layer.Tilt.NoCap ? null : layer.AnnualCap;
        return BasicLayerMath.Capped(Money.Round(pay), cap, person.Totals.Critical);
    }

    private static bool IsTilted(CriticalLayer layer, in MemberContext member) => layer.Tilt.Eligible.Holds(member);
}

/// <summary>Medical assistance: the highest ratio among the person's identities, within the shared limit.</summary>
internal static class AssistanceMath
{
    public static decimal Ratio(IdentityRatio[] ratios, in MemberContext member)
    {
        var ratio = 0m;
        foreach (var candidate in ratios)
        {
            if (candidate.Ratio > ratio && candidate.Eligible.Holds(member))
            {
                ratio = candidate.Ratio;
            }
        }
        return ratio;
    }

    public static decimal Pay(AssistanceLayer layer, in Claim claim, in MemberContext member, in PersonYear person, decimal scopeLeft)
    {
        if (!layer.MedicalTypes.Contains(claim.MedicalType))
        {
            return 0m;
        }
        var pay = Money.Round(scopeLeft * Ratio(layer.Ratios, member));
        return BasicLayerMath.Capped(pay, layer.AnnualLimit, person.Totals.Assistance);
    }
}

/// <summary>
/// The floor: pays the gap between target × base and what the counted payers paid so far, less what
/// its own payer already paid in this settlement.
/// </summary>
internal static class FloorMath
{
    public static decimal Pay(FloorLayer layer, in Claim claim, in MemberContext member, in Remaining state, in PaidSoFar paid)
    {
        if (!layer.Eligible.Holds(member) || !layer.MedicalTypes.Contains(claim.MedicalType))
        {
            return 0m;
        }
        var baseAmount = layer.Base == FloorBase.Total ? claim.Total : claim.PolicyScope;
        var counted = paid.By(layer.Counted) + ((layer.Counted & layer.PaidBy) == 0 ? paid.By(layer.PaidBy) : 0m);
        var gap = Money.NotNegative(Money.Round(baseAmount * layer.Target) - counted);
        // A policy-scope floor tops up policy-scope spending only; a total floor may reach beyond it.
        return layer.Base == FloorBase.PolicyScope ? Math.Min(gap, state.Scope) : gap;
    }
}

/// <summary>A supplementary fund: a ratio of the policy-scope self-pay left, within its annual cap.</summary>
internal static class SupplementaryMath
{
    public static decimal Pay(SupplementaryLayer layer, in Claim claim, in MemberContext member, in PersonYear person, decimal scopeLeft)
    {
        if (!layer.MedicalTypes.Contains(claim.MedicalType))
        {
            return 0m;
        }
        var pay = Money.Round(scopeLeft * AssistanceMath.Ratio(layer.Ratios, member));
        return BasicLayerMath.Capped(pay, layer.AnnualCap, person.Totals.Supplementary);
    }
}

/// <summary>The warm fund: whatever would push the person's or household's year burden over its cap.</summary>
internal static class BurdenCapMath
{
    public static (decimal Pay, CapBinding Binding) Pay(
        BurdenCapLayer layer, in MemberContext member, in PersonYear person, in HouseholdYear household, decimal left)
    {
        if (!layer.Eligible.Holds(member) || left <= 0m)
        {
            return (0m, CapBinding.None);
        }
        var individualExcess = Money.NotNegative(person.Totals.SelfPay + left - layer.IndividualCap);
        var householdExcess = Money.NotNegative(household.Totals.SelfPay + left - layer.HouseholdCap);
        var excess = Math.Min(left, Math.Max(individualExcess, householdExcess));
        var binding = excess <= 0m ? CapBinding.None
            : householdExcess >= individualExcess ? CapBinding.Household : CapBinding.Individual;
        return (excess, binding);
    }
}

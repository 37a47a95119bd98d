using Ledger.Policy.Domain;
using Ledger.Policy.Model;

namespace Ledger.Policy.Engine;

/// <summary>
/// Splits one settlement across the payers of a policy, in the order the policy lists them. Each layer
/// pays part of what is left and never more; what remains is the person's self-pay. Pure: the caller
/// owns the state and applies the split. No allocation: layers are plain objects read in place.
/// </summary>
public static class Waterfall
{
    public static Split Split(
        PolicyVersion policy, in Claim claim, in MemberContext member, in PersonYear person, in HouseholdYear household)
    {
        var state = new Remaining(claim.Total, claim.PolicyScope);
        var paid = new PaidSoFar();
        decimal warmFund = 0m;
        var binding = CapBinding.None;
        if (claim.IsPreAdjudicated)
        {
            paid.Basic = state.PayFromScope(claim.PrepaidBasic ?? 0m);
            paid.Critical = state.PayFromScope(claim.PrepaidCritical ?? 0m);
            paid.Assistance = state.PayFromScope(claim.PrepaidAssistance ?? 0m);
        }
        var criticalBase = claim.PolicyScope - paid.Basic;
        // Worked out for a pre-adjudicated stay too, as if the platform charged the policy's deductible: a
        // later referral counts what it paid.
        var (deductible, deductiblePaid) = policy.Basic is { } basic ? BasicLayerMath.Deductible(basic, claim, member, person) : (0m, 0m);
        var othersRecorded = false;
        var otherUnbooked = 0m;
        foreach (var layer in policy.Layers)
        {
            if (!othersRecorded && layer is FloorLayer or SupplementaryLayer or BurdenCapLayer)
            {
                otherUnbooked = BookOtherPaid(claim, ref state, ref paid);
                othersRecorded = true;
            }
            switch (layer)
            {
                case BasicLayer layerBasic when !claim.IsPreAdjudicated:
                    paid.Basic = state.PayFromScope(BasicLayerMath.Pay(layerBasic, claim, member, person, deductible));
                    criticalBase = state.Scope;
                    break;
                case CriticalLayer layerCritical when !claim.IsPreAdjudicated && layerCritical.MedicalTypes.Contains(claim.MedicalType):
                    paid.Critical = state.PayFromScope(CriticalLayerMath.Pay(layerCritical, member, person, state.Scope));
                    break;
                case AssistanceLayer layerAssistance when !claim.IsPreAdjudicated:
                    paid.Assistance = state.PayFromScope(AssistanceMath.Pay(layerAssistance, claim, member, person, state.Scope));
                    break;
                case FloorLayer layerFloor:
                    paid.Add(layerFloor.PaidBy, state.PayFromScope(FloorMath.Pay(layerFloor, claim, member, state, paid)));
                    break;
                case SupplementaryLayer layerSupplementary when claim.OtherPaid is null:
                    paid.Supplementary = state.PayFromScope(SupplementaryMath.Pay(layerSupplementary, claim, member, person, state.Scope));
                    break;
                case BurdenCapLayer layerCap:
                    (var warm, binding) = BurdenCapMath.Pay(layerCap, member, person, household, state.Left);
                    warmFund = state.PayFromScope(warm);
                    break;
            }
        }
        if (!othersRecorded)
        {
            otherUnbooked = BookOtherPaid(claim, ref state, ref paid);
        }
        var highCost = policy.Monitoring.Find(Rule.HighCostSettlement) is { } rule
            && rule.AppliesTo(member) && state.Left >= rule.Threshold && state.Left > 0m;
        // Spending of a medical type the critical layer does not cover does not count towards its deductible.
        if (policy.Critical is { } coverage && !coverage.MedicalTypes.Contains(claim.MedicalType))
        {
            criticalBase = 0m;
        }
        var split = new Split(claim.Total, claim.PolicyScope, paid.Basic, paid.Critical, paid.Assistance, paid.Floor,
            paid.Supplementary, warmFund, state.Left, Money.NotNegative(criticalBase), highCost, binding, otherUnbooked,
            deductiblePaid);
        AssertConserved(split);
        return split;
    }

    /// <summary>
    /// Books what others paid as the feed reports it (<c>oth_pay</c>), bounded by what the tiers before it
    /// left; returns the part that did not fit. The ledger refuses a new settlement with any such part
    /// (<see cref="Split.OtherPaidUnbooked"/>); a re-adjudication books what is left and says so.
    /// </summary>
    private static decimal BookOtherPaid(in Claim claim, ref Remaining state, ref PaidSoFar paid)
    {
        var reported = claim.OtherPaid ?? 0m;
        var booked = state.PayFromScope(reported);
        paid.Supplementary += booked;
        return reported - booked;
    }

    private static void AssertConserved(in Split split)
    {
        if (split.FundPay + split.SelfPay != split.Total || split.SelfPay < 0m)
        {
            throw new InvalidOperationException($"Waterfall broke conservation: {split}");
        }
    }
}

/// <summary>
/// What is still unpaid in this settlement: in total and within the policy scope. A payment is
/// bounded by what is left, rounded to the fen, and taken from the scope first.
/// </summary>
internal struct Remaining(decimal total, decimal scope)
{
    private readonly decimal _total = total;

    public decimal Left { get; private set; } = total;

    public decimal Scope { get; private set; } = scope;

    public readonly decimal Paid => _total - Left;

    public decimal PayFromScope(decimal wanted)
    {
        var pay = Money.Round(wanted);
        pay = pay < 0m ? 0m : pay > Left ? Left : pay;
        Left -= pay;
        Scope = Scope > pay ? Scope - pay : 0m;
        return pay;
    }
}

/// <summary>What each payer has paid so far in this settlement: the floor counts and books by payer.</summary>
internal struct PaidSoFar
{
    public decimal Basic;
    public decimal Critical;
    public decimal Assistance;
    public decimal Floor;
    public decimal Supplementary;

    public readonly decimal By(Payers payers) =>
        ((payers & Payers.Basic) != 0 ? Basic : 0m) + ((payers & Payers.Critical) != 0 ? Critical : 0m)
        + ((payers & Payers.Assistance) != 0 ? Assistance : 0m) + ((payers & Payers.Floor) != 0 ? Floor : 0m)
        + ((payers & Payers.Supplementary) != 0 ? Supplementary : 0m);

    /// <summary>Books an amount to one payer (the loader allows exactly one as a floor's payer).</summary>
    public void Add(Payers payer, decimal amount)
    {
        switch (payer)
        {
            case Payers.Assistance: Assistance += amount; break;
            case Payers.Supplementary: Supplementary += amount; break;
            default: Floor += amount; break;
        }
    }
}

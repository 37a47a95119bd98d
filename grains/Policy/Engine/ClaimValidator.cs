using Ledger.Policy.Domain;

namespace Ledger.Policy.Engine;

/// <summary>A settlement the engine refuses, naming the national field at fault.</summary>
public readonly record struct ClaimProblem(string Field, string Reason);

/// <summary>
/// The engine's own guard: the amounts must add up the way the national platform defines them,
/// before anything is computed. Returns the first problem, or null.
/// </summary>
public static class ClaimValidator
{
    public static ClaimProblem? Validate(in Claim claim)
    {
        if (claim.HospitalLevel is < 1 or > 3)
        {
            return new("hosp_lv", "must be 1, 2 or 3");
        }
        // Field by field, not over an array of (name, amount): this runs for every settlement.
        var problem = Amount("medfee_sumamt", claim.Total) ?? Amount("inscp_scp_amt", claim.PolicyScope)
            ?? Amount("fulamt_ownpay_amt", claim.FullOwnPay) ?? Amount("overlmt_selfpay", claim.OverLimitSelfPay)
            ?? Amount("preselfpay_amt", claim.PreSelfPay) ?? Amount("hifp_pay", claim.PrepaidBasic)
            ?? Amount("hifmi_pay", claim.PrepaidCritical) ?? Amount("maf_pay", claim.PrepaidAssistance)
            ?? Amount("oth_pay", claim.OtherPaid);
        if (problem is not null)
        {
            return problem;
        }
        if (claim.PolicyScope > claim.Total)
        {
            return new("inscp_scp_amt", "must not exceed medfee_sumamt");
        }
        if (claim.PolicyScope + claim.FullOwnPay + claim.OverLimitSelfPay + claim.PreSelfPay != claim.Total)
        {
            return new("medfee_sumamt", "must equal inscp_scp_amt + fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt");
        }
        var prepaid = (claim.PrepaidBasic ?? 0m) + (claim.PrepaidCritical ?? 0m) + (claim.PrepaidAssistance ?? 0m);
        if (prepaid > claim.PolicyScope)
        {
            return new("hifp_pay", "hifp_pay + hifmi_pay + maf_pay must not exceed inscp_scp_amt");
        }
        if (prepaid + (claim.OtherPaid ?? 0m) > claim.Total)
        {
            return new("oth_pay", "hifp_pay + hifmi_pay + maf_pay + oth_pay must not exceed medfee_sumamt");
        }
        return claim.HospitalRegion is { } region && !IsRegionCode(region)
            ? new("mdtrtarea_admvs", "must be a six-digit region code (就医地医保区划)")
            : null;
    }

    private static bool IsRegionCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    private static ClaimProblem? Amount(string field, decimal? amount) => amount switch
    {
        null => null,
        < 0m => new(field, "must not be negative"),
        > Money.SettlementAmountMax => new(field, $"must not exceed {Money.SettlementAmountMax} yuan"),
        { } yuan when !Money.HasAtMostTwoDecimals(yuan) => new(field, "must have at most two decimals (yuan and fen)"),
        _ => null,
    };
}

using Ledger.Policy.Domain;

namespace Ledger.Policy.Engine;

/// <summary>A settlement the engine refuses, naming the national field at fault.</summary>
public readonly record struct ClaimProblem(string Field, string Reason);

/// <summary>
/// The engine's own guard: the amounts must add up the way the national platform defines them,
/// before anything is computed. <see cref="Validate"/> answers the first problem, <see cref="Problems"/>
/// every one (a feed fixes its message once); the sums are checked only when each amount is valid.
/// </summary>
public static class ClaimValidator
{
    public static ClaimProblem? Validate(in Claim claim) => Problems(claim) is [var first, ..] ? first : null;

    /// <summary>Every problem of <paramref name="claim"/>, or null (no list is made for a valid claim: this runs for every settlement).</summary>
    public static List<ClaimProblem>? Problems(in Claim claim)
    {
        List<ClaimProblem>? problems = null;
        if (claim.HospitalLevel is < 1 or > 3)
        {
            Add(ref problems, new("hosp_lv", "must be 1, 2 or 3"));
        }
        // Field by field, not over an array of (name, amount): this runs for every settlement.
        var amountsValid = Amount(ref problems, "medfee_sumamt", claim.Total) & Amount(ref problems, "inscp_scp_amt", claim.PolicyScope)
            & Amount(ref problems, "fulamt_ownpay_amt", claim.FullOwnPay) & Amount(ref problems, "overlmt_selfpay", claim.OverLimitSelfPay)
            & Amount(ref problems, "preselfpay_amt", claim.PreSelfPay) & Amount(ref problems, "hifp_pay", claim.PrepaidBasic)
            & Amount(ref problems, "hifmi_pay", claim.PrepaidCritical) & Amount(ref problems, "maf_pay", claim.PrepaidAssistance)
            & Amount(ref problems, "oth_pay", claim.OtherPaid);
        if (amountsValid)
        {
            Sums(ref problems, claim);
        }
        if (claim.HospitalRegion is { } region && !IsRegionCode(region))
        {
            Add(ref problems, new("mdtrtarea_admvs", "must be a six-digit region code (就医地医保区划)"));
        }
        return problems;
    }

    private static void Sums(ref List<ClaimProblem>? problems, in Claim claim)
    {
        if (claim.PolicyScope > claim.Total)
        {
            Add(ref problems, new("inscp_scp_amt", "must not exceed medfee_sumamt"));
        }
        else if (claim.PolicyScope + claim.FullOwnPay + claim.OverLimitSelfPay + claim.PreSelfPay != claim.Total)
        {
            Add(ref problems, new("medfee_sumamt", "must equal inscp_scp_amt + fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt"));
        }
        var prepaid = (claim.PrepaidBasic ?? 0m) + (claim.PrepaidCritical ?? 0m) + (claim.PrepaidAssistance ?? 0m);
        if (prepaid > claim.PolicyScope)
        {
            Add(ref problems, new("hifp_pay", "hifp_pay + hifmi_pay + maf_pay must not exceed inscp_scp_amt"));
        }
        else if (prepaid + (claim.OtherPaid ?? 0m) > claim.Total)
        {
            Add(ref problems, new("oth_pay", "hifp_pay + hifmi_pay + maf_pay + oth_pay must not exceed medfee_sumamt"));
        }
    }

    private static bool IsRegionCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    private static void Add(ref List<ClaimProblem>? problems, ClaimProblem problem) => (problems ??= []).Add(problem);

    /// <summary>Adds the amount's problem, if any; true when it has none.</summary>
    private static bool Amount(ref List<ClaimProblem>? problems, string field, decimal? amount)
    {
        string? reason = amount switch
        {
            null => null,
            < 0m => "must not be negative",
            > Money.SettlementAmountMax => $"must not exceed {Money.SettlementAmountMax} yuan",
            { } yuan when !Money.HasAtMostTwoDecimals(yuan) => "must have at most two decimals (yuan and fen)",
            _ => null,
        };
        if (reason is not null)
        {
            Add(ref problems, new(field, reason));
        }
        return reason is null;
    }
}

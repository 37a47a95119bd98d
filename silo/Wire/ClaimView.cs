using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Silo.Wire;

/// <summary>A recorded settlement's input, with the canonical med_type of its benefit line.</summary>
public sealed record ClaimView(
    string MedType, int HospLv, decimal MedfeeSumamt, decimal InscpScpAmt, decimal FulamtOwnpayAmt, decimal OverlmtSelfpay,
    decimal PreselfpayAmt, decimal? HifpPay, decimal? HifmiPay, decimal? MafPay, decimal? OthPay, string ReflSetlFlag, string? MdtrtareaAdmvs)
{
    public static ClaimView Of(in Claim claim) => new(
        claim.MedicalType switch { MedicalType.Outpatient => "11", MedicalType.Chronic => "14", _ => "21" }, claim.HospitalLevel,
        claim.Total, claim.PolicyScope, claim.FullOwnPay, claim.OverLimitSelfPay, claim.PreSelfPay,
        claim.PrepaidBasic, claim.PrepaidCritical, claim.PrepaidAssistance, claim.OtherPaid, claim.Referral ? "1" : "0", claim.HospitalRegion);
}

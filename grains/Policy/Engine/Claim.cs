using Ledger.Policy.Domain;

namespace Ledger.Policy.Engine;

/// <summary>
/// One settlement as the engine sees it: the national platform's amounts, already validated by
/// <see cref="ClaimValidator"/>. Pre-paid amounts are the platform's own fund payments
/// (<c>hifp_pay</c>, <c>hifmi_pay</c>, <c>maf_pay</c>); when any is given the ledger records them as
/// given and computes only the layers it owns. <see cref="OtherPaid"/> is what others paid as the
/// feed reports it (<c>oth_pay</c>: a commercial top-up such as 金惠保, other departments' aid),
/// recorded as given after the three tiers and before the ledger's own floor and burden cap (a new
/// settlement reporting more than the tiers leave is refused; see <see cref="Split.OtherPaidUnbooked"/>).
/// <see cref="Referral"/> marks an admission on referral (<c>refl_setl_flag</c>);
/// <see cref="HospitalRegion"/> is where it was treated (<c>mdtrtarea_admvs</c>; null = at home).
/// </summary>
public readonly record struct Claim(
    DateOnly Date,
    MedicalType MedicalType,
    int HospitalLevel,
    decimal Total,
    decimal PolicyScope,
    decimal FullOwnPay = 0m,
    decimal OverLimitSelfPay = 0m,
    decimal PreSelfPay = 0m,
    decimal? PrepaidBasic = null,
    decimal? PrepaidCritical = null,
    decimal? PrepaidAssistance = null,
    decimal? OtherPaid = null,
    bool Referral = false,
    string? HospitalRegion = null)
{
    public bool IsPreAdjudicated => PrepaidBasic.HasValue || PrepaidCritical.HasValue || PrepaidAssistance.HasValue;
}

/// <summary>The settling member as of the settlement date: identities valid that day and residence.</summary>
public readonly record struct MemberContext(Identities Identities, Residence Residence);

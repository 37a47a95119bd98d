using Ledger.Policy.Domain;

namespace Ledger.Policy.Engine;

/// <summary>
/// One settlement as the engine sees it: the national platform's amounts, already validated by
/// <see cref="ClaimValidator"/>. Pre-paid amounts are the platform's own fund payments
/// (<c>hifp_pay</c>, <c>hifmi_pay</c>, <c>maf_pay</c>); when any is given the ledger records them as
/// given and computes only the layers it owns.
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
    decimal? PrepaidAssistance = null)
{
    public bool IsPreAdjudicated => PrepaidBasic.HasValue || PrepaidCritical.HasValue || PrepaidAssistance.HasValue;
}

/// <summary>The settling member as of the settlement date: identities valid that day and residence.</summary>
public readonly record struct MemberContext(Identities Identities, Residence Residence);

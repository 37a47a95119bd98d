using Ledger.Contracts.Settlements;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Settlements;

/// <summary>
/// Turns a wire settlement into the engine's claim, or a rejection naming the national field. Runs in
/// the household before anything is touched, so a rejected settlement changes nothing.
/// </summary>
public static class SettlementInput
{
    public static Rejection? TryParse(SettlementRequest request, DateTimeOffset now, out Claim claim)
    {
        claim = default;
        if (IdProblem(request.SetlId, "setl_id") is { } setlId)
        {
            return setlId;
        }
        if (IdProblem(request.PsnNo, "psn_no") is { } psnNo)
        {
            return psnNo;
        }
        if (request.MdtrtId is { Length: > Limits.IdLengthMax })
        {
            return Invalid("mdtrt_id", $"must be at most {Limits.IdLengthMax} characters");
        }
        if (!MedicalTypeCodes.TryParse(request.MedType, out var medicalType))
        {
            return Invalid("med_type", "must be a national med_type code: 11 outpatient, 14 chronic/special outpatient, 21 inpatient (or a related code)");
        }
        var date = ChinaTime.Date(request.SetlTime);
        if (date < Limits.SettlementDateMin)
        {
            return Invalid("setl_time", $"must not be before {Limits.SettlementDateMin:yyyy-MM-dd}");
        }
        if (request.SetlTime > now + Limits.SettlementFutureToleranceMax)
        {
            return Invalid("setl_time", "must not be in the future");
        }
        if (request.ReflSetlFlag is not (null or "0" or "1"))
        {
            return Invalid("refl_setl_flag", "must be \"1\" (a referred admission, 转院结算) or \"0\"");
        }
        claim = new Claim(date, medicalType, request.HospLv, request.MedfeeSumamt, request.InscpScpAmt,
            request.FulamtOwnpayAmt, request.OverlmtSelfpay, request.PreselfpayAmt,
            request.HifpPay, request.HifmiPay, request.MafPay, request.OthPay,
            request.ReflSetlFlag == "1", request.MdtrtareaAdmvs);
        return ClaimValidator.Validate(claim) is { } problem ? Invalid(problem.Field, problem.Reason) : null;
    }

    /// <summary>Ids (setl_id, psn_no, household_id) follow the wire rule of <see cref="WireLimits.IdProblem"/>.</summary>
    public static Rejection? IdProblem(string? id, string field) =>
        WireLimits.IdProblem(id) is { } reason ? Invalid(field, reason) : null;

    public static Rejection Invalid(string field, string reason) => new(RejectionCode.Invalid, field, reason);
}

using Ledger.Contracts.Settlements;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Grains.Settlements;

/// <summary>
/// Turns a wire settlement into the engine's claim, or a rejection naming the national field. Runs in
/// the household before anything is touched, so a rejected settlement changes nothing. Every field at
/// fault is named, not only the first.
/// </summary>
public static class SettlementInput
{
    public static Rejection? TryParse(SettlementRequest request, DateTimeOffset now, out Claim claim)
    {
        claim = default;
        List<FieldReason>? problems = null;
        Add(ref problems, IdProblem(request.SetlId, "setl_id"));
        Add(ref problems, IdProblem(request.PsnNo, "psn_no"));
        if (request.MdtrtId is { Length: > Limits.IdLengthMax })
        {
            Add(ref problems, "mdtrt_id", $"must be at most {Limits.IdLengthMax} characters");
        }
        if (!MedicalTypeCodes.TryParse(request.MedType, out var medicalType))
        {
            Add(ref problems, "med_type", "must be a national med_type code: 11 outpatient, 14 chronic/special outpatient, 21 inpatient (or a related code)");
        }
        var date = ChinaTime.Date(request.SetlTime);
        if (date < Limits.SettlementDateMin)
        {
            Add(ref problems, "setl_time", $"must not be before {Limits.SettlementDateMin:yyyy-MM-dd}");
        }
        else if (request.SetlTime > now + Limits.SettlementFutureToleranceMax)
        {
            Add(ref problems, "setl_time", "must not be in the future");
        }
        if (request.ReflSetlFlag is not (null or "0" or "1"))
        {
            Add(ref problems, "refl_setl_flag", "must be \"1\" (a referred admission, 转院结算) or \"0\"");
        }
        var parsed = new Claim(date, medicalType, request.HospLv, request.MedfeeSumamt, request.InscpScpAmt,
            request.FulamtOwnpayAmt, request.OverlmtSelfpay, request.PreselfpayAmt,
            request.HifpPay, request.HifmiPay, request.MafPay, request.OthPay,
            request.ReflSetlFlag == "1", request.MdtrtareaAdmvs);
        if (ClaimValidator.Problems(parsed) is { } found)
        {
            foreach (var problem in found)
            {
                Add(ref problems, problem.Field, problem.Reason);
            }
        }
        if (problems is not null)
        {
            return Rejection.Invalid(problems);
        }
        claim = parsed;
        return null;
    }

    private static void Add(ref List<FieldReason>? problems, string field, string reason) => (problems ??= []).Add(new(field, reason));

    private static void Add(ref List<FieldReason>? problems, Rejection? rejection)
    {
        foreach (var problem in rejection?.Fields() ?? [])
        {
            (problems ??= []).Add(problem);
        }
    }

    /// <summary>Ids (setl_id, psn_no, household_id) follow the wire rule of <see cref="WireLimits.IdProblem"/>.</summary>
    public static Rejection? IdProblem(string? id, string field) =>
        WireLimits.IdProblem(id) is { } reason ? Invalid(field, reason) : null;

    public static Rejection Invalid(string field, string reason) => new(RejectionCode.Invalid, field, reason);
}

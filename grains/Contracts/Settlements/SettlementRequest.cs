using System.Text.Json.Serialization;

namespace Ledger.Contracts.Settlements;

/// <summary>
/// One settlement as the national platform sends it (field names are the platform's, in PascalCase
/// here and snake_case on the wire). Amounts are yuan. Null pre-paid amounts mean "ledger computes".
/// The JSON-required fields must be on the wire (a missing amount is not a zero); the three
/// out-of-scope parts default to 0, the sum check catching one that was left out.
/// <c>mdtrtarea_admvs</c> (就医地医保区划, the national message header's spelling) is where the hospital
/// is, for rules limited to a place (州内, 省域内); absent means treated at home. <c>refl_setl_flag</c>
/// ("1" = 转院结算) marks an admission on referral (起付线连续计算). <c>oth_pay</c> (其他支出) is what
/// others paid, e.g. a commercial top-up or another department's aid, counted before the burden cap.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.settlement-request")]
public sealed record SettlementRequest
{
    [Id(0), JsonRequired] public string SetlId { get; init; } = "";
    [Id(1), JsonRequired] public string PsnNo { get; init; } = "";
    [Id(2)] public string? MdtrtId { get; init; }
    [Id(3), JsonRequired] public DateTimeOffset SetlTime { get; init; }
    [Id(4), JsonRequired] public string MedType { get; init; } = "";
    [Id(5), JsonRequired] public int HospLv { get; init; }
    [Id(6), JsonRequired] public decimal MedfeeSumamt { get; init; }
    [Id(7), JsonRequired] public decimal InscpScpAmt { get; init; }
    [Id(8)] public decimal FulamtOwnpayAmt { get; init; }
    [Id(9)] public decimal OverlmtSelfpay { get; init; }
    [Id(10)] public decimal PreselfpayAmt { get; init; }
    [Id(11)] public decimal? HifpPay { get; init; }
    [Id(12)] public decimal? HifmiPay { get; init; }
    [Id(13)] public decimal? MafPay { get; init; }
    [Id(14)] public string? MdtrtareaAdmvs { get; init; }
    [Id(15)] public string? ReflSetlFlag { get; init; }
    [Id(16)] public decimal? OthPay { get; init; }
}

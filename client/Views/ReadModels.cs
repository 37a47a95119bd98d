namespace Ledger.Client.Views;

// The read answers of API.md as the client displays them. Tolerant: a field the server adds is
// ignored, one it leaves out reads as empty.

public sealed record TotalsModel(
    decimal MedfeeSumamt, decimal InscpScpAmt, decimal HifpPay, decimal HifmiPay, decimal MafPay, decimal FloorPay,
    decimal SupplementaryPay, decimal WarmFundPay, decimal FundPaySumamt, decimal PsnPartAmt, int SettlementCount);

public sealed record ThresholdModel(string? Rule, string? Level, decimal Value, decimal Threshold);

public sealed record IdentityModel(string? Type, DateOnly? Begin, DateOnly? End);

public sealed record PersonModel(
    string? PsnNo, string? HouseholdId, string? RegionCode, string? Residence, string? Insutype,
    IReadOnlyList<IdentityModel>? Identities, int Year, TotalsModel? Totals, IReadOnlyList<ThresholdModel>? Thresholds,
    string? PsnName, string? Certno);

public sealed record MemberModel(string? PsnNo, TotalsModel? Totals, IReadOnlyList<ThresholdModel>? Thresholds);

public sealed record CapsModel(decimal IndividualCap, decimal HouseholdCap, decimal HouseholdBurden, decimal HouseholdCapRemaining);

public sealed record HouseholdModel(
    string? HouseholdId, string? RegionCode, int Year, IReadOnlyList<MemberModel>? Members, TotalsModel? Totals,
    CapsModel? Caps, IReadOnlyList<ThresholdModel>? Thresholds);

namespace Ledger.Contracts.Households;

/// <summary>
/// A member's ledger in flight between households: the year records and the settlements that can
/// still be reversed, as opaque JSON written and read only by the household grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.member-transfer")]
public sealed record MemberTransfer(
    [property: Id(0)] string FromHouseholdId,
    [property: Id(1)] string LedgerJson);

using Ledger.Contracts.Settlements;

namespace Ledger.Contracts.Households;

/// <summary>
/// A household (key: household id): the single writer of money for its members. Each settlement,
/// reversal or membership change is one state write that changes member years, household totals,
/// idempotency records and the event outbox together.
/// </summary>
public interface IHouseholdGrain : IGrainWithStringKey
{
    /// <summary>Records a settlement of a member (idempotent by <c>setl_id</c>).</summary>
    Task<SettlementResult> Record(MemberSnapshot member, SettlementRequest settlement);

    /// <summary>
    /// Records a settlement of <paramref name="psnNo"/> with the member snapshot the household holds;
    /// answers <see cref="RejectionCode.NotAMember"/> when the person is not (or no longer) a member here.
    /// </summary>
    Task<SettlementResult> RecordFor(string psnNo, SettlementRequest settlement);

    /// <summary>Reverses a recorded settlement of a member with an exact correcting entry.</summary>
    Task<SettlementResult> Reverse(string psnNo, string setlId);

    /// <summary>Adds or updates a member; emits <c>identity_changed</c> when the identities changed.</summary>
    Task<Rejection?> Upsert(MemberSnapshot member);

    /// <summary>Hands a leaving member's ledger over (removing it here); null if not a member.</summary>
    Task<MemberTransfer?> Release(string psnNo);

    /// <summary>Takes in a member moving from another household, with the ledger it carries.</summary>
    Task<Rejection?> Admit(MemberSnapshot member, MemberTransfer transfer);

    Task<HouseholdView> Get(int year);

    Task<MemberYearView?> GetMember(string psnNo, int year);
}

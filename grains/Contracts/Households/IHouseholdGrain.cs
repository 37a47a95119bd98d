using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Orleans.CodeGeneration;

namespace Ledger.Contracts.Households;

/// <summary>
/// A household (key: household id): the single writer of its members' money and registrations. Each
/// request is planned on the household's ledger, journaled (one atomic append) and only then applied,
/// so what the household holds is always the fold of what the journal holds.
/// </summary>
[Version(HouseholdProtocol.Version)]
public interface IHouseholdGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a settlement of a member (idempotent by <c>setl_id</c>, forever); answers
    /// <see cref="RejectionCode.NotAMember"/> when the person is not (or no longer) a member here.
    /// </summary>
    Task<SettlementResult> RecordFor(string psnNo, SettlementRequest settlement);

    /// <summary>Reverses a recorded settlement of a member; later settlements of the year are re-adjudicated.</summary>
    Task<SettlementResult> Reverse(string psnNo, string setlId);

    /// <summary>
    /// Registers or updates members of this household (one outcome per person, in order). A person
    /// registered in another household comes back <see cref="RegistrationStatus.Elsewhere"/>: the person
    /// grain moves it. An unchanged member whose journal names households it left comes back with them
    /// (<see cref="RegistrationOutcome.HouseholdsLeft"/>), each asked for its <see cref="Departed"/> again.
    /// </summary>
    Task<IReadOnlyList<RegistrationOutcome>> Register(IReadOnlyList<PersonRecord> persons);

    /// <summary>Lets a member go to another household: from now on the household refuses its settlements.</summary>
    Task Release(string psnNo);

    /// <summary>Takes back a member whose move failed (its registration still names this household).</summary>
    Task Restore(string psnNo);

    /// <summary>Takes in a person moving from <paramref name="fromHouseholdId"/> with its journal.</summary>
    Task<RegistrationOutcome> Admit(PersonRecord person, string fromHouseholdId);

    /// <summary>
    /// Once a member's registration has moved elsewhere: re-adjudicates the years it settled in without it
    /// (cause member_moved) and answers the adjustments. Nothing when it did not move, or once done.
    /// </summary>
    Task<IReadOnlyList<AdjustmentView>> Departed(string psnNo);

    Task<HouseholdView> Get(int year);

    Task<MemberYearView?> GetMember(string psnNo, int year);
}

using Ledger.Contracts.Settlements;

namespace Ledger.Contracts.Persons;

/// <summary>
/// An insured person (key: <c>psn_no</c>): profile, dated identities and household pointer. The entry
/// point for a settlement: it attaches the member snapshot and forwards to the household, which owns
/// the money.
/// </summary>
public interface IPersonGrain : IGrainWithStringKey
{
    /// <summary>Registers or replaces the profile; moving household carries the ledger along.</summary>
    Task<RegistrationResult> Register(PersonProfile profile);

    Task<SettlementResult> Settle(SettlementRequest settlement);

    Task<SettlementResult> Reverse(string setlId);

    /// <summary>The person's view for a year, or null if the person is not registered.</summary>
    Task<PersonView?> Get(int year);
}

using Ledger.Contracts.Settlements;

namespace Ledger.Contracts.Persons;

/// <summary>
/// An insured person (key: <c>psn_no</c>): finds its household from the registration and forwards to
/// it, and moves it between households one request at a time. Holds no state of its own: the
/// registration is the household's to write.
/// </summary>
public interface IPersonGrain : IGrainWithStringKey
{
    Task<SettlementResult> Settle(SettlementRequest settlement);

    Task<SettlementResult> Reverse(string setlId);

    /// <summary>Moves a person registered in another household to the one its new registration names.</summary>
    Task<RegistrationOutcome> Move(PersonRecord person);
}

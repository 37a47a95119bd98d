using Ledger.Contracts.Persons;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;

namespace Ledger.Tests.Support;

/// <summary>A journal that hands every call to another; a test overrides the part it takes control of.</summary>
public abstract class DelegatingJournal(IJournal inner) : IJournal
{
    public virtual Task<AppendOutcome> Append(JournalAppend append, CancellationToken cancellationToken = default) =>
        inner.Append(append, cancellationToken);

    public virtual Task<IReadOnlyList<JournalEntry>> ReadPersons(
        IReadOnlyCollection<string> psnNos, int fromYear, int toYear, long afterPosition = 0, CancellationToken cancellationToken = default) =>
        inner.ReadPersons(psnNos, fromYear, toYear, afterPosition, cancellationToken);

    public Task<JournalEntry?> FindSettlement(string setlId, EntryKind kind, CancellationToken cancellationToken = default) =>
        inner.FindSettlement(setlId, kind, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> ReadAfter(
        long afterPosition, int max, string regionPrefix = "", int? year = null, CancellationToken cancellationToken = default) =>
        inner.ReadAfter(afterPosition, max, regionPrefix, year, cancellationToken);

    public Task<long> LastPosition(CancellationToken cancellationToken = default) => inner.LastPosition(cancellationToken);

    public Task<long> HouseholdPosition(string householdId, CancellationToken cancellationToken = default) =>
        inner.HouseholdPosition(householdId, cancellationToken);

    public Task<PersonRecord?> FindPerson(string psnNo, CancellationToken cancellationToken = default) => inner.FindPerson(psnNo, cancellationToken);

    public Task<IReadOnlyList<PersonRecord>> FindPersons(IReadOnlyCollection<string> psnNos, CancellationToken cancellationToken = default) =>
        inner.FindPersons(psnNos, cancellationToken);

    public Task<IReadOnlyList<PersonRecord>> PersonsOf(string householdId, CancellationToken cancellationToken = default) =>
        inner.PersonsOf(householdId, cancellationToken);

    public Task<HouseholdClaim> ClaimHousehold(string householdId, CancellationToken cancellationToken = default) =>
        inner.ClaimHousehold(householdId, cancellationToken);
}

using Ledger.Grains.Journal;

namespace Ledger.Silo.Security.Directory;

/// <summary>
/// The region directory read from the registrations the households write with their journal
/// (<c>ledger_persons</c>, or the in-memory journal's): one source of truth for who belongs where, read
/// without calling a grain.
/// </summary>
public sealed class JournalRegionDirectory(IJournal journal) : IRegionDirectory
{
    public async Task<string?> RegionOfPerson(string psnNo, CancellationToken cancellationToken) =>
        (await journal.FindPerson(psnNo, cancellationToken))?.RegionCode;

    public async Task<IReadOnlyDictionary<string, string>> RegionsOfPersons(IReadOnlyCollection<string> psnNos, CancellationToken cancellationToken) =>
        (await journal.FindPersons(psnNos, cancellationToken)).ToDictionary(person => person.PsnNo, person => person.RegionCode, StringComparer.Ordinal);

    public async Task<string?> RegionOfHousehold(string householdId, CancellationToken cancellationToken) =>
        (await journal.PersonsOf(householdId, cancellationToken)).FirstOrDefault()?.RegionCode;
}

namespace Ledger.Silo.Security.Directory;

/// <summary>
/// Which region a person or a household belongs to, known without calling a grain: the scope of a
/// read or a write is checked against it before any grain is asked, so an out-of-scope request learns
/// nothing (not even whether its subject exists) and wakes nothing. A household's region is its
/// members' (they share one, see HouseholdLedger).
/// </summary>
public interface IRegionDirectory
{
    Task<string?> RegionOfPerson(string psnNo, CancellationToken cancellationToken);

    /// <summary>The regions of those of <paramref name="psnNos"/> the directory knows.</summary>
    Task<IReadOnlyDictionary<string, string>> RegionsOfPersons(IReadOnlyCollection<string> psnNos, CancellationToken cancellationToken);

    Task<string?> RegionOfHousehold(string householdId, CancellationToken cancellationToken);
}

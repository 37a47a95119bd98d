using System.Collections.Concurrent;

namespace Ledger.Silo.Security.Directory;

/// <summary>The embedded mode's directory: one silo, so its memory is the whole truth.</summary>
public sealed class InMemoryRegionDirectory : IRegionDirectory
{
    private readonly ConcurrentDictionary<string, (string Household, string Region)> _persons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _households = new(StringComparer.Ordinal);

    public Task<string?> RegionOfPerson(string psnNo, CancellationToken cancellationToken) =>
        Task.FromResult(_persons.TryGetValue(psnNo, out var person) ? person.Region : null);

    public Task<IReadOnlyDictionary<string, string>> RegionsOfPersons(IReadOnlyCollection<string> psnNos, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var psnNo in psnNos)
        {
            if (_persons.TryGetValue(psnNo, out var person))
            {
                found[psnNo] = person.Region;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }

    public Task<string?> RegionOfHousehold(string householdId, CancellationToken cancellationToken) =>
        Task.FromResult(_households.TryGetValue(householdId, out var region) ? region : null);

    public Task Record(string psnNo, string householdId, string regionCode, CancellationToken cancellationToken)
    {
        // Region codes are a small vocabulary: one string each, not one per person.
        var region = string.Intern(regionCode);
        _persons[psnNo] = (householdId, region);
        _households[householdId] = region;
        return Task.CompletedTask;
    }
}

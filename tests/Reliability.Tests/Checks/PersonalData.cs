using Ledger.Reliability.Tests.Feeds;

namespace Ledger.Reliability.Tests.Checks;

/// <summary>No ID-card number or name of anyone fed may appear in any line a silo logged.</summary>
public static class PersonalData
{
    /// <summary>Asserts the logs are clean; returns how many personal values were looked for.</summary>
    public static int AssertNotLogged(string logs, IEnumerable<(string? Name, string? Certno)> persons)
    {
        var values = persons.SelectMany(person => new[] { person.Name, person.Certno })
            .Where(value => !string.IsNullOrEmpty(value)).Select(value => value!).Distinct().ToList();
        Assert.True(logs.Length > 0, "no silo log was captured: the check would prove nothing");
        var leaked = values.Where(value => logs.Contains(value, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count == 0, $"{leaked.Count} personal values appear in the silo logs, e.g. a value of {leaked.FirstOrDefault()?.Length} characters");
        return values.Count;
    }

    public static IEnumerable<(string? Name, string? Certno)> Of(SyntheticFeed feed) =>
        feed.Persons.Select(person => (person.PsnName, person.Certno));
}

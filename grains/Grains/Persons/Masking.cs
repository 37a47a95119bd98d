namespace Ledger.Grains.Persons;

/// <summary>Personal data in answers: enough for a caseworker to recognise a person, not to identify one.</summary>
public static class Masking
{
    /// <summary>Keeps the family name: 张三丰 → 张**.</summary>
    public static string? Name(string? name) =>
        string.IsNullOrEmpty(name) ? name : name[..1] + new string('*', name.Length - 1);

    /// <summary>Keeps the region digits and the last four: 350102199001011234 → 350102********1234.</summary>
    public static string? Certno(string? certno) => certno switch
    {
        null or "" => certno,
        { Length: > 10 } => certno[..6] + new string('*', certno.Length - 10) + certno[^4..],
        _ => new string('*', certno.Length),
    };
}

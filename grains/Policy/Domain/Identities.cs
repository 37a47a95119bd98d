namespace Ledger.Policy.Domain;

/// <summary>
/// The identity groups of the policies (DESIGN §2). A person may hold several at once, so this is a
/// bit set: the hot path tests eligibility with one AND instead of walking lists.
/// </summary>
[Flags]
public enum Identities : ushort
{
    None = 0,
    ExtremePoverty = 1 << 0,
    Dibao = 1 << 1,
    DibaoMarginal = 1 << 2,
    ReturnedToPoverty = 1 << 3,
    Monitored = 1 << 4,
    PovertyAlleviated = 1 << 5,
    RegisteredPoor = 1 << 6,
    ExpenditureHardship = 1 << 7,
}

/// <summary>The wire and policy-file codes of <see cref="Identities"/>.</summary>
public static class IdentityCodes
{
    private static readonly (string Code, Identities Identity)[] All =
    [
        ("extreme_poverty", Identities.ExtremePoverty),
        ("dibao", Identities.Dibao),
        ("dibao_marginal", Identities.DibaoMarginal),
        ("returned_to_poverty", Identities.ReturnedToPoverty),
        ("monitored", Identities.Monitored),
        ("poverty_alleviated", Identities.PovertyAlleviated),
        ("registered_poor", Identities.RegisteredPoor),
        ("expenditure_hardship", Identities.ExpenditureHardship),
    ];

    public static IEnumerable<string> Codes => All.Select(entry => entry.Code);

    public static bool TryParse(string? code, out Identities identity)
    {
        foreach (var (candidate, value) in All)
        {
            if (string.Equals(candidate, code, StringComparison.Ordinal))
            {
                identity = value;
                return true;
            }
        }
        identity = Identities.None;
        return false;
    }

    public static string ToCode(Identities single)
    {
        foreach (var (code, value) in All)
        {
            if (value == single)
            {
                return code;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(single), single, "not a single identity");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Identities, string[]> CodesBySet = new();

    /// <summary>
    /// The codes of every identity in the set, in declaration order. Every event carries them, so each
    /// set's list is built once and shared (a handful of sets occur in practice; at most 2^16).
    /// </summary>
    public static IReadOnlyList<string> ToCodes(Identities set) =>
        CodesBySet.GetOrAdd(set, key => All.Where(entry => (key & entry.Identity) != 0).Select(entry => entry.Code).ToArray());
}

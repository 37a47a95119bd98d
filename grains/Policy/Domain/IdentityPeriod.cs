namespace Ledger.Policy.Domain;

/// <summary>One identity held from <see cref="Begin"/> to <see cref="End"/> (inclusive; null = open).</summary>
public readonly record struct IdentityPeriod(Identities Identity, DateOnly Begin, DateOnly? End)
{
    public bool IsValidOn(DateOnly date) => date >= Begin && (End is null || date <= End);

    /// <summary>The identities valid on a date, as the national platform's <c>idetinfo</c> reports them.</summary>
    public static Identities ValidOn(IEnumerable<IdentityPeriod> periods, DateOnly date)
    {
        var set = Identities.None;
        foreach (var period in periods)
        {
            if (period.IsValidOn(date))
            {
                set |= period.Identity;
            }
        }
        return set;
    }
}

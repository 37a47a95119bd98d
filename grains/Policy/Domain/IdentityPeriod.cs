namespace Ledger.Policy.Domain;

/// <summary>One identity held from <see cref="Begin"/> to <see cref="End"/> (inclusive; null = open).</summary>
public readonly record struct IdentityPeriod(Identities Identity, DateOnly Begin, DateOnly? End)
{
    public bool IsValidOn(DateOnly date) => date >= Begin && (End is null || date <= End);
}

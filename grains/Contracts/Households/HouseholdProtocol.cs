namespace Ledger.Contracts.Households;

/// <summary>
/// The version of <see cref="IHouseholdGrain"/> a silo runs, raised whenever what a household grain
/// promises the rest of the cluster changes, so that a rolling upgrade can tell the releases apart
/// (Orleans carries it in each silo's manifest, and places new activations on the latest).
/// </summary>
public static class HouseholdProtocol
{
    /// <summary>
    /// 0: the releases before the household claim. 1: a household grain claims its household when it
    /// activates (a roll writes straight to the journal only households nobody claimed, schema 7) and
    /// appends behind its fence (schema 8). 2: <see cref="IHouseholdGrain.Departed"/>, the household a
    /// member left re-adjudicating its years without it once the move is journaled (a call from a silo of
    /// 2 replaces an activation of 1, which does not have it).
    /// </summary>
    public const ushort Version = 2;
}

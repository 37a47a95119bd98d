using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;

namespace Ledger.Contracts;

/// <summary>
/// References to the ledger's grains. Orleans resolves a grain interface's type by reflecting over
/// its attributes on every <c>GetGrain&lt;T&gt;(key)</c> call; here it is resolved once per interface
/// and each reference is built from its GrainId, so a call on the hot path does no reflection.
/// </summary>
public static class LedgerGrainFactory
{
    public static IPersonGrain Person(this IGrainFactory grains, string psnNo) => References<IPersonGrain>.For(grains, psnNo);

    public static IHouseholdGrain Household(this IGrainFactory grains, string householdId) => References<IHouseholdGrain>.For(grains, householdId);

    private static class References<T> where T : IGrainWithStringKey
    {
        /// <summary>
        /// Published by reference, never as a struct: a nullable pair of types is written in several
        /// stores, so a request on another thread of a silo just started could read it half written (set,
        /// with a default interface type), get an untyped reference and fail its cast. A rolling restart's
        /// test caught that as a batch answered 500.
        /// </summary>
        private static Types? _types;

        public static T For(IGrainFactory grains, string key)
        {
            var types = _types ??= Resolve(grains);
            return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }

        private static Types Resolve(IGrainFactory grains)
        {
            var sample = (GrainReference)(object)grains.GetGrain<T>("-");
            return new(sample.GrainId.Type, sample.InterfaceType);
        }

        private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
    }
}

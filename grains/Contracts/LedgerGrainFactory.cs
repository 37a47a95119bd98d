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
        private static (GrainType Grain, GrainInterfaceType Interface)? _types;

        public static T For(IGrainFactory grains, string key)
        {
            var (grain, @interface) = _types ??= Resolve(grains);
            return (T)grains.GetGrain(GrainId.Create(grain, key), @interface);
        }

        private static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains)
        {
            var sample = (GrainReference)(object)grains.GetGrain<T>("-");
            return (sample.GrainId.Type, sample.InterfaceType);
        }
    }
}

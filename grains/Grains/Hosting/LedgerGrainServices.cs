using Ledger.Grains.Households;
using Ledger.Grains.Journal;
using Ledger.Policy.Loading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Versions.Selector;

namespace Ledger.Grains.Hosting;

/// <summary>What every silo running the ledger grains needs, whatever its storage.</summary>
public static class LedgerGrainServices
{
    /// <summary>
    /// Registers the policy catalogue (loaded and validated now: a bad policy file stops start-up), the
    /// journal's live fan-out and metrics. An <see cref="IJournal"/> or a
    /// <see cref="TimeProvider"/> registered before this call wins; otherwise the in-memory journal and
    /// the system clock are used. The grains read "now" (event times, "no future settlements",
    /// "today") from that one <see cref="TimeProvider"/>, the same clock Orleans and the API use.
    /// </summary>
    public static IServiceCollection AddLedgerGrainServices(this IServiceCollection services, string policyFolder)
    {
        services.AddSingleton(PolicyLoader.LoadDirectory(policyFolder));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JournalFanOut>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<JournalFanOut>());
        services.TryAddSingleton<IJournal, InMemoryJournal>();
        services.AddMetrics();
        services.AddSingleton<LedgerMetrics>();
        services.AddSingleton<ClusterUpgrade>();
        // During a rolling upgrade a household's new activation goes to a silo of the newest release,
        // and an activation of an older one is replaced at the first call from a newer silo.
        services.Configure<GrainVersioningOptions>(versions => versions.DefaultVersionSelectorStrategy = nameof(LatestVersion));
        return services;
    }

    /// <summary>The policy folder shipped beside the binaries unless configuration names another.</summary>
    public static string DefaultPolicyFolder => Path.Combine(AppContext.BaseDirectory, "policies");
}

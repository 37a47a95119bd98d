using Orleans.Configuration;

namespace Ledger.Silo.Hosting;

/// <summary>
/// How fast the cluster declares a silo dead. Until it does, calls to the grains that lived there fail
/// and the API answers 503; Orleans' defaults (5 s probes, three missed) cost 5–7 s of 503 after a
/// kill -9. Here a dead silo is declared after about 1–2 s. Every <see cref="ClusterMembershipOptions"/>
/// property can be overridden under <c>Ledger:Membership</c> (e.g. <c>Ledger__Membership__ProbeTimeout=00:00:05</c>).
/// </summary>
/// <remarks>
/// The trade: a silo that cannot answer a probe for about three probe periods (a stop-the-world pause, a
/// starved CPU, a saturated network) is declared dead although it lives, and must restart; its grains
/// move meanwhile. Orleans softens this: a silo that sees its own health degraded lengthens its probe
/// timeouts (<see cref="ClusterMembershipOptions.ExtendProbeTimeoutDuringDegradation"/>) and a probe
/// period adapts to the response times it observes, between half and four times
/// <see cref="ClusterMembershipOptions.ProbeTimeout"/>. Probes cost one small message per second per
/// monitored silo. Raise <c>ProbeTimeout</c> where pauses of a second are normal (large heaps without
/// server GC, an overcommitted host).
/// </remarks>
public static class LedgerMembership
{
    public const string Section = "Ledger:Membership";

    /// <summary>The first probe timeout and probe period (Orleans: 5 s).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects another (Orleans: 3).</summary>
    public const int MissedProbesLimit = 3;

    /// <summary>
    /// How long a suspicion vote counts (Orleans: 2 min). Where two votes are needed (three silos or
    /// more), they must come from one incident: votes from unrelated blips minutes apart must not add up
    /// to a death. Much longer than the few seconds two silos need to reach their missed-probe limits.
    /// </summary>
    public static readonly TimeSpan DeathVoteExpiration = TimeSpan.FromSeconds(30);

    public static ISiloBuilder UseLedgerMembership(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = ProbeTimeout;
            membership.NumMissedProbesLimit = MissedProbesLimit;
            membership.DeathVoteExpirationTimeout = DeathVoteExpiration;
            configuration.GetSection(Section).Bind(membership);
        });
}

using System.Globalization;
using Ledger.Grains.Journal;

namespace Ledger.Silo.Projections;

/// <summary>
/// How far the read projections trail the journal: the checkpoint they include and how long ago the
/// oldest entry they do not include yet was logged (zero when they include every entry). Two index
/// reads (the checkpoint, the entry after it), the same for every silo whichever keeps the projections.
/// </summary>
public readonly record struct ProjectionLag(long Checkpoint, TimeSpan Behind, bool CaughtUp)
{
    /// <summary>The response header of every read answered from the projections: whole seconds behind the journal.</summary>
    public const string Header = "Ledger-Projections-Behind";

    public static async Task<ProjectionLag> Measure(IJournal journal, IProjectionStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var checkpoint = await store.Checkpoint(cancellationToken);
        var next = await journal.ReadAfter(checkpoint, 1, cancellationToken: cancellationToken);
        return next.Count == 0
            ? new(checkpoint, TimeSpan.Zero, true)
            : new(checkpoint, TimeSpan.FromTicks(Math.Max(0, (clock.GetUtcNow() - next[0].LoggedAt).Ticks)), false);
    }

    /// <summary>
    /// Further behind than <paramref name="bound"/> (<see cref="ProjectionOptions.CaughtUpWithinSeconds"/>): the one test
    /// by which readiness check <c>projections</c> turns Degraded and the month-end reports are refused for now.
    /// </summary>
    public bool Beyond(TimeSpan bound) => !CaughtUp && Behind > bound;

    public static TimeSpan Bound(ProjectionOptions options) => TimeSpan.FromSeconds(options.CaughtUpWithinSeconds);

    /// <summary>The header's value: whole seconds, rounded up, so an entry not yet included never reads as 0.</summary>
    public string HeaderValue => CaughtUp ? "0" : Math.Max(1, Math.Ceiling(Behind.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

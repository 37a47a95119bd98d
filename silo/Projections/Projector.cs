using System.Threading.Channels;
using Ledger.Grains;
using Ledger.Grains.Journal;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;

namespace Ledger.Silo.Projections;

/// <summary>
/// Follows the journal in position order and applies each entry to the read projections: at least once,
/// and idempotent by position (the store skips what its checkpoint already holds and commits the rest
/// with the new checkpoint), so it resumes after a crash where the committed checkpoint says. One
/// projector writes per cluster: the one holding <see cref="IProjectorLeadership"/>; the others wait to
/// take over. It wakes on this silo's commits and reads the journal every <see cref="PollInterval"/>
/// for the other silos'.
/// </summary>
public sealed partial class Projector(
    IJournal journal, IProjectionStore store, IProjectorLeadership leadership, PolicyCatalogue policies, JournalFanOut fanOut,
    LedgerMetrics metrics, TimeProvider clock, ILogger<Projector> logger) : BackgroundService
{
    public const int BatchMax = 1_000;

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private ChannelReader<IReadOnlyList<JournalEntry>>? _commits;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _commits = fanOut.Listen();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lease = await leadership.Acquire(stoppingToken);
                LogLeading(logger);
                while (!stoppingToken.IsCancellationRequested && await lease.StillHeld(stoppingToken))
                {
                    if (await Step(stoppingToken) < BatchMax)
                    {
                        await Wait(stoppingToken);
                    }
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database is unreachable or the lease was lost: the projections wait, nothing is lost.
                LogFailed(logger, error.GetType().Name);
                await Task.Delay(RetryInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Applies the next batch after the store's checkpoint; returns how many entries were read.</summary>
    public async Task<int> Step(CancellationToken cancellationToken = default)
    {
        // The commits only wake the projector; it reads the journal. Dropping them here keeps a projector
        // that is behind from holding batches it will read anyway.
        while (_commits?.TryRead(out _) == true)
        {
        }
        var checkpoint = await store.Checkpoint(cancellationToken);
        var entries = await journal.ReadAfter(checkpoint, BatchMax, cancellationToken: cancellationToken);
        if (entries.Count == 0)
        {
            return 0;
        }
        var folded = entries.Select(entry => new FoldedEntry(entry.Position, entry.LoggedAt, ProjectionFold.Changes(entry, policies))).ToList();
        await store.Apply(folded, cancellationToken);
        var oldest = entries.Min(entry => entry.LoggedAt);
        metrics.ProjectorLagged(TimeSpan.FromTicks(Math.Max(0, (clock.GetUtcNow() - oldest).Ticks)));
        return entries.Count;
    }

    /// <summary>Applies everything committed so far (tests and the rebuild use it to wait for nothing).</summary>
    public async Task CatchUp(CancellationToken cancellationToken = default)
    {
        while (await Step(cancellationToken) == BatchMax)
        {
        }
    }

    private async Task Wait(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(PollInterval);
        try
        {
            await _commits!.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Quiet: read the journal anyway, for the other silos' commits.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo now keeps the read projections")]
    private static partial void LogLeading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projector paused ({ErrorType}); it resumes from its checkpoint")]
    private static partial void LogFailed(ILogger logger, string errorType);
}

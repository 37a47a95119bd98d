using Ledger.Contracts.Households;
using Ledger.Contracts.Persons;
using Ledger.Grains.Journal;
using Ledger.Grains.Persons;
using Ledger.Policy.Households;
using Ledger.Policy.Loading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Ledger.Grains.Households;

/// <summary>
/// The single writer of a household's money and registrations: a shell around its
/// <see cref="HouseholdLedger"/>. Each request is planned on the ledger, committed to the journal (one
/// append, group-committed with other households') and only then folded into the ledger, so what the
/// household holds is always the fold of what the journal holds. Not reentrant: one request at a time.
/// Snapshots of the ledger go to grain storage now and then, never on the acknowledgement path.
/// </summary>
public sealed partial class HouseholdGrain(
    IJournal journal,
    PolicyCatalogue catalogue,
    TimeProvider clock,
    LedgerMetrics metrics,
    ILogger<HouseholdGrain> logger) : Grain, IHouseholdGrain
{
    /// <summary>Grain storage holding household snapshots.</summary>
    public const string SnapshotStorage = "snapshots";

    /// <summary>Entries folded in between two snapshots: bounds the journal tail an activation reads.</summary>
    public const int SnapshotEveryEntries = 64;

    private const string SnapshotName = "household";

    private readonly GrainState<HouseholdSnapshot> _snapshot = new();
    private IGrainStorage _storage = null!;
    private HouseholdLedger _ledger = null!;
    /// <summary>The members registered now, with a digest of each stored registration (the journal keeps the record).</summary>
    private Dictionary<string, RegistrationDigest> _registered = new(StringComparer.Ordinal);
    private int _sinceSnapshot;
    /// <summary>The position of the household's newest entry this activation has seen: its fence on every append.</summary>
    private long _fence;
    private Task _snapshotting = Task.CompletedTask;

    private string HouseholdId => this.GetPrimaryKeyString();

    private PolicyLookup Policies => catalogue.Find;

    private HistoryReader History => (psnNos, fromYear, toYear) => journal.ReadPersons(psnNos, fromYear, toYear);

    /// <summary>
    /// The ledger is the snapshot plus the journal's tail when the snapshot was taken with the members
    /// registered now, else a rebuild from the members' journal. A household nobody is registered in
    /// reads nothing more.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SnapshotStorage);
        await Load(cancellationToken);
    }

    private async Task Load(CancellationToken cancellationToken = default)
    {
        var (persons, fence) = await journal.ClaimHousehold(HouseholdId, cancellationToken);
        _fence = fence;
        _sinceSnapshot = 0;
        _registered = persons.ToDictionary(person => person.PsnNo, RegistrationDigest.Of, StringComparer.Ordinal);
        var profiles = persons.Select(PersonRecords.Profile).ToList();
        if (persons.Count == 0)
        {
            _ledger = new HouseholdLedger(HouseholdId);
            return;
        }
        await _storage.ReadStateAsync(SnapshotName, this.GetGrainId(), _snapshot);
        if (_snapshot.RecordExists && _snapshot.State is { } snapshot
            && HouseholdLedger.Restore(HouseholdId, snapshot.ToState(), profiles) is { } restored)
        {
            var tail = await journal.ReadPersons(_registered.Keys, 0, int.MaxValue, restored.Position, cancellationToken);
            if (tail.All(entry => entry.HouseholdId == HouseholdId))
            {
                foreach (var entry in tail)
                {
                    restored.Apply(entry);
                }
                _ledger = restored;
                _sinceSnapshot = tail.Count;
                _snapshot.State = null!;
                return;
            }
        }
        _snapshot.State = null!;
        _ledger = HouseholdLedger.Of(HouseholdId, profiles);
        await Rebuild(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _snapshotting;
        if (_sinceSnapshot > 0)
        {
            await WriteSnapshot();
        }
    }

    /// <summary>
    /// Rebuilds every kept year from the members' journal. Until a snapshot is written a reload reads all
    /// of it again, so it counts as entries since the last snapshot: a household with a long journal takes
    /// one with its next commit, and one whose journal is a few registrations (a roll's household at its
    /// first settlement) is not snapshotted for them.
    /// </summary>
    private async Task Rebuild(CancellationToken cancellationToken = default)
    {
        var history = await journal.ReadPersons(_registered.Keys, 0, int.MaxValue, 0, cancellationToken);
        _ledger.Rebuild(history, Policies);
        _sinceSnapshot = history.Count;
    }

    /// <summary>
    /// Commits a plan's entries (and registrations) behind the household's fence. If the journal cannot
    /// say whether it committed (a broken connection), the activation is dropped so the next request
    /// reloads what the journal holds rather than trust a ledger that may be one commit behind.
    /// </summary>
    private async Task<AppendOutcome> Commit(JournalAppend append)
    {
        AppendOutcome outcome;
        try
        {
            outcome = await journal.Append(append with { Fence = new HouseholdFence(HouseholdId, _fence) });
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
        if (outcome.WriterBehind)
        {
            throw new WriterBehind();
        }
        if (outcome.Committed.Count > 0)
        {
            _fence = outcome.Committed[^1].Position;
        }
        return outcome;
    }

    /// <summary>
    /// Runs a request that writes. Another activation of this household may have written since this one
    /// loaded (Orleans may run two for a moment while silos join or leave): the journal then refuses the
    /// append (its fence), or a re-adjudication finds the ledger out of step with the journal it read.
    /// Either way the ledger is reloaded from the journal and the request planned again on it, once;
    /// then the request fails as unavailable and this activation is dropped.
    /// </summary>
    private async Task<T> Fenced<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        catch (Exception stale) when (IsStale(stale))
        {
            await Reload(stale is WriterBehind ? "the journal refused its append" : "its ledger was out of step with the journal; the request is planned again");
        }
        try
        {
            return await request();
        }
        catch (Exception stale) when (IsStale(stale))
        {
            DeactivateOnIdle();
            // Not as the inner exception: the planner's exception type has no Orleans codec, and its message carries amounts.
            throw new OrleansException($"household {HouseholdId}: still out of step with its journal after a reload ({stale.GetType().Name}); resend");
        }
    }

    /// <summary>Reloads the ledger from the journal another activation wrote to, once this one's snapshot is done.</summary>
    private async Task Reload(string sign)
    {
        LogReloading(logger, HouseholdId, sign);
        await _snapshotting;
        await Load();
    }

    /// <summary>What a request finds when another activation wrote since this one loaded.</summary>
    private static bool IsStale(Exception error) => error is WriterBehind or LedgerOutOfStepException;

    /// <summary>Raised inside the grain only: its append was refused by its fence, and nothing was written.</summary>
    private sealed class WriterBehind : Exception;

    /// <summary>Folds committed entries in and starts a snapshot, off the caller's path, when enough have gathered.</summary>
    private void Fold(IReadOnlyList<JournalEntry> committed, MemberProfile? profile = null)
    {
        _ledger.Commit(committed, profile);
        _sinceSnapshot += committed.Count;
        if (_sinceSnapshot >= SnapshotEveryEntries)
        {
            StartSnapshot();
        }
    }

    /// <summary>
    /// Starts a snapshot of the ledger as it is now without waiting for it, unless one is in flight: two
    /// writes would race on the stored version, and the one in flight leaves <see cref="_sinceSnapshot"/>
    /// counting what it does not hold, for the next one (or the deactivation's) to write. A snapshot that
    /// lands after the members changed is no harm: one taken with other members is never restored.
    /// </summary>
    private void StartSnapshot()
    {
        if (_snapshotting.IsCompleted)
        {
            _snapshotting = WriteSnapshot();
        }
    }

    private async Task WriteSnapshot()
    {
        _snapshot.State = HouseholdSnapshot.Of(_ledger.Export());
        var taken = _sinceSnapshot;
        _sinceSnapshot = 0;
        try
        {
            await _storage.WriteStateAsync(SnapshotName, this.GetGrainId(), _snapshot);
        }
        catch (Exception error)
        {
            // A snapshot is a cache: the journal has everything. A stale version (an older snapshot this
            // activation did not read) is read back for its version; anything else waits for the next one.
            _sinceSnapshot += taken;
            if (error is InconsistentStateException)
            {
                await _storage.ReadStateAsync(SnapshotName, this.GetGrainId(), _snapshot);
            }
            else
            {
                LogSnapshotFailed(logger, HouseholdId, error.GetType().Name);
            }
        }
        finally
        {
            // The ledger is the state; the snapshot object only travels to storage.
            _snapshot.State = null!;
        }
    }

    // The cause only: the planner's message carries amounts.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Household {HouseholdId}: another activation wrote to its journal since this one loaded ({Sign}); reloading it")]
    private static partial void LogReloading(ILogger logger, string householdId, string sign);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Household {HouseholdId}: snapshot not written ({ErrorType}); the journal has every entry")]
    private static partial void LogSnapshotFailed(ILogger logger, string householdId, string errorType);
}

using System.Diagnostics;
using Ledger.Contracts.Persons;
using Ledger.Policy.Households;

namespace Ledger.Grains.Journal;

/// <summary>
/// The embedded mode's journal: the same rules as the PostgreSQL one (unique settlement ids, atomic
/// appends, registrations that stand only in the household that wrote them) in this process's memory,
/// lost on exit (the start-up banner says so). It forgets nothing while the process lives. Its append
/// latency is measured as the PostgreSQL journal's is, so the same dashboards and alerts read both modes.
/// </summary>
public sealed class InMemoryJournal(JournalFanOut fanOut, LedgerMetrics? metrics = null) : IJournal
{
    private readonly Lock _gate = new();
    private readonly List<JournalEntry> _entries = [];
    private readonly Dictionary<(string SetlId, EntryKind Kind), JournalEntry> _settlements = [];
    private readonly Dictionary<string, List<int>> _byPerson = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PersonRecord> _persons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _households = new(StringComparer.Ordinal);
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    /// <summary>Each household's newest entry: what a writer's fence is held against.</summary>
    private readonly Dictionary<string, long> _lastOfHousehold = new(StringComparer.Ordinal);

    /// <summary>Appends taken in one turn of the writer: bounds how long readers wait for the lock.</summary>
    public const int AppendsPerTurnMax = 2_000;

    private readonly TurnQueue<(JournalAppend Append, long Arrived, TaskCompletionSource<AppendOutcome> Done)> _waiting = new(AppendsPerTurnMax);

    /// <summary>
    /// Group commit, as the PostgreSQL journal does it: every append waiting when the writer takes its
    /// turn is applied under one hold of the lock and handed to the live consumers as one batch. Many
    /// households appending at once then queue instead of contending for the lock (each one's hand-off to
    /// the consumers made under it), which is where the embedded mode's peak went.
    /// </summary>
    public Task<AppendOutcome> Append(JournalAppend append, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<AppendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_waiting.Enqueue((append, Stopwatch.GetTimestamp(), done)))
        {
            _ = Task.Run(WriteWaiting, CancellationToken.None);
        }
        return done.Task;
    }

    private void WriteWaiting()
    {
        var turn = new List<(JournalAppend Append, long Arrived, TaskCompletionSource<AppendOutcome> Done)>();
        var outcomes = new List<AppendOutcome>();
        while (_waiting.TryTakeTurn(turn))
        {
            Exception? failure = null;
            lock (_gate)
            {
                var committed = new List<JournalEntry>();
                try
                {
                    foreach (var (append, arrived, _) in turn)
                    {
                        var outcome = AppendLocked(append);
                        metrics?.Appended(Stopwatch.GetElapsedTime(arrived));
                        committed.AddRange(outcome.Committed);
                        outcomes.Add(outcome);
                    }
                }
                catch (Exception error)
                {
                    // What was applied stands and is answered; the append that failed and those after it are not applied.
                    failure = error;
                }
                // Handed on under the lock: live consumers see commits in position order.
                fanOut.Committed(committed);
            }
            for (var i = 0; i < turn.Count; i++)
            {
                if (i < outcomes.Count)
                {
                    turn[i].Done.TrySetResult(outcomes[i]);
                }
                else
                {
                    turn[i].Done.TrySetException(failure!);
                }
            }
            turn.Clear();
            outcomes.Clear();
        }
    }

    private AppendOutcome AppendLocked(JournalAppend append)
    {
        if (append.NewHouseholdId is { } household
            && (_households.TryGetValue(household, out var members) && members.Count > 0 || !_claimed.Add(household)))
        {
            return AppendOutcome.Taken();
        }
        if (append.Fence is { } fence && _lastOfHousehold.GetValueOrDefault(fence.HouseholdId) > fence.LastPosition)
        {
            return AppendOutcome.Behind();
        }
        if (append.Entries is [{ Kind: EntryKind.Recorded or EntryKind.Reversed } primary, ..]
            && _settlements.TryGetValue((primary.SetlId, primary.Kind), out var existing))
        {
            return AppendOutcome.Clash(existing);
        }
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in append.Persons)
        {
            if (!Register(write))
            {
                refused.Add(write.Person.PsnNo);
            }
        }
        var committed = new List<JournalEntry>(append.Entries.Count);
        foreach (var entry in append.Entries.Where(entry => !refused.Contains(entry.PsnNo) || entry.IsSettlement))
        {
            var stored = entry with { Position = _entries.Count + 1 };
            _entries.Add(stored);
            committed.Add(stored);
            _lastOfHousehold[stored.HouseholdId] = stored.Position;
            if (stored.Kind is EntryKind.Recorded or EntryKind.Reversed)
            {
                _settlements[(stored.SetlId, stored.Kind)] = stored;
            }
            if (!_byPerson.TryGetValue(stored.PsnNo, out var positions))
            {
                _byPerson[stored.PsnNo] = positions = [];
            }
            positions.Add(_entries.Count - 1);
        }
        return AppendOutcome.Done(committed, refused);
    }

    private bool Register(PersonWrite write)
    {
        var person = write.Person;
        if (_persons.TryGetValue(person.PsnNo, out var current))
        {
            if (current.HouseholdId != person.HouseholdId && current.HouseholdId != write.ExpectedHouseholdId)
            {
                return false;
            }
            _households[current.HouseholdId].Remove(person.PsnNo);
        }
        _persons[person.PsnNo] = person;
        if (!_households.TryGetValue(person.HouseholdId, out var members))
        {
            _households[person.HouseholdId] = members = new HashSet<string>(StringComparer.Ordinal);
        }
        members.Add(person.PsnNo);
        return true;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadPersons(
        IReadOnlyCollection<string> psnNos, int fromYear, int toYear, long afterPosition = 0, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<JournalEntry> found = psnNos
                .SelectMany(psnNo => _byPerson.TryGetValue(psnNo, out var positions) ? positions : [])
                .Select(index => _entries[index])
                .Where(entry => entry.Position > afterPosition && entry.Year >= fromYear && entry.Year <= toYear)
                .OrderBy(entry => entry.Position).ToList();
            return Task.FromResult(found);
        }
    }

    public Task<JournalEntry?> FindSettlement(string setlId, EntryKind kind, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_settlements.GetValueOrDefault((setlId, kind)));
        }
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAfter(
        long afterPosition, int max, string regionPrefix = "", int? year = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var start = (int)Math.Clamp(afterPosition, 0, _entries.Count);
            IReadOnlyList<JournalEntry> found = _entries.Skip(start)
                .Where(entry => entry.RegionCode.StartsWith(regionPrefix, StringComparison.Ordinal) && (year is null || entry.Year == year || ((entry.Kind is EntryKind.IdentityChanged or EntryKind.Moved) && entry.Year < year)))
                .Take(max).ToList();
            return Task.FromResult(found);
        }
    }

    public Task<long> LastPosition(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_entries.Count);
        }
    }

    public Task<long> HouseholdPosition(string householdId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_lastOfHousehold.GetValueOrDefault(householdId));
        }
    }

    public Task<PersonRecord?> FindPerson(string psnNo, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_persons.GetValueOrDefault(psnNo));
        }
    }

    public Task<IReadOnlyList<PersonRecord>> FindPersons(IReadOnlyCollection<string> psnNos, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<PersonRecord> found = [.. psnNos.Select(psnNo => _persons.GetValueOrDefault(psnNo)).OfType<PersonRecord>()];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<PersonRecord>> PersonsOf(string householdId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(MembersLocked(householdId));
        }
    }

    public Task<HouseholdClaim> ClaimHousehold(string householdId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _claimed.Add(householdId);
            return Task.FromResult(new HouseholdClaim(MembersLocked(householdId), _lastOfHousehold.GetValueOrDefault(householdId)));
        }
    }

    private IReadOnlyList<PersonRecord> MembersLocked(string householdId) => _households.TryGetValue(householdId, out var psnNos)
        ? psnNos.Order(StringComparer.Ordinal).Select(psnNo => _persons[psnNo]).ToList()
        : [];
}

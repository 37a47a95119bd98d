using Ledger.Contracts.Persons;

namespace Ledger.Silo.Storage;

/// <summary>
/// The members of households being activated, read for many households in one query. When thousands
/// of households activate at once (a roll of registrations, a feed after a restart) each waits for the
/// next read instead of taking a round trip and a pooled connection of its own; a lone activation
/// still gets its read at once.
/// </summary>
internal sealed class HouseholdMemberReads(Func<IReadOnlyList<string>, Task<ILookup<string, PersonRecord>>> read)
{
    /// <summary>Households per query: bounds the statement's array and the answer's size.</summary>
    public const int HouseholdsPerReadMax = 1_000;

    private readonly Lock _gate = new();
    private readonly Queue<(string HouseholdId, TaskCompletionSource<IReadOnlyList<PersonRecord>> Done)> _waiting = new();
    private bool _reading;

    public Task<IReadOnlyList<PersonRecord>> Of(string householdId, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<IReadOnlyList<PersonRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue((householdId, done));
            start = !_reading;
            _reading = true;
        }
        if (start)
        {
            _ = Task.Run(ReadWaitingAsync, CancellationToken.None);
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>One query at a time, each for everything that queued while the previous one ran.</summary>
    private async Task ReadWaitingAsync()
    {
        while (true)
        {
            var batch = new List<(string HouseholdId, TaskCompletionSource<IReadOnlyList<PersonRecord>> Done)>();
            lock (_gate)
            {
                while (batch.Count < HouseholdsPerReadMax && _waiting.TryDequeue(out var waiting))
                {
                    batch.Add(waiting);
                }
                if (batch.Count == 0)
                {
                    _reading = false;
                    return;
                }
            }
            try
            {
                var found = await read([.. batch.Select(waiting => waiting.HouseholdId).Distinct(StringComparer.Ordinal)]);
                batch.ForEach(waiting => waiting.Done.TrySetResult([.. found[waiting.HouseholdId]]));
            }
            catch (Exception error)
            {
                batch.ForEach(waiting => waiting.Done.TrySetException(error));
            }
        }
    }
}

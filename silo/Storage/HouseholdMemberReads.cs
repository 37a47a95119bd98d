using Ledger.Grains.Journal;

namespace Ledger.Silo.Storage;

/// <summary>
/// The members of households being activated, read for many households in one query. When thousands
/// of households activate at once (a roll of registrations, a feed after a restart) each waits for the
/// next read instead of taking a round trip and a pooled connection of its own; a lone activation
/// still gets its read at once.
/// </summary>
internal sealed class HouseholdMemberReads(Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, HouseholdClaim>>> read)
{
    /// <summary>Households per query: bounds the statement's array and the answer's size.</summary>
    public const int HouseholdsPerReadMax = 1_000;

    private readonly TurnQueue<(string HouseholdId, TaskCompletionSource<HouseholdClaim> Done)> _waiting = new(HouseholdsPerReadMax);

    public Task<HouseholdClaim> Of(string householdId, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<HouseholdClaim>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_waiting.Enqueue((householdId, done)))
        {
            _ = Task.Run(ReadWaitingAsync, CancellationToken.None);
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>One query at a time, each for everything that queued while the previous one ran.</summary>
    private async Task ReadWaitingAsync()
    {
        var batch = new List<(string HouseholdId, TaskCompletionSource<HouseholdClaim> Done)>();
        while (_waiting.TryTakeTurn(batch))
        {
            try
            {
                var found = await read([.. batch.Select(waiting => waiting.HouseholdId).Distinct(StringComparer.Ordinal)]);
                batch.ForEach(waiting => waiting.Done.TrySetResult(found.GetValueOrDefault(waiting.HouseholdId, HouseholdClaim.Empty)));
            }
            catch (Exception error)
            {
                batch.ForEach(waiting => waiting.Done.TrySetException(error));
            }
            batch.Clear();
        }
    }
}

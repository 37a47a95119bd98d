namespace Ledger.Grains.Journal;

/// <summary>
/// Requests that queue while one worker serves them in turns, each turn everything that queued while
/// the previous one ran (up to a bound): the group commit of the embedded journal, the batched member
/// reads of the PostgreSQL one. No worker runs while nothing waits; the first request after a lull
/// is told to start one.
/// </summary>
public sealed class TurnQueue<T>(int perTurnMax)
{
    private readonly Queue<T> _waiting = new();
    private bool _serving;

    /// <summary>Queues the request; true when no worker is serving and the caller must start one.</summary>
    public bool Enqueue(T request)
    {
        lock (_waiting)
        {
            _waiting.Enqueue(request);
            if (_serving)
            {
                return false;
            }
            return _serving = true;
        }
    }

    /// <summary>
    /// Moves up to the bound of waiting requests into <paramref name="turn"/>; false when none waits, and
    /// the worker then stops (the next <see cref="Enqueue"/> starts another).
    /// </summary>
    public bool TryTakeTurn(List<T> turn)
    {
        lock (_waiting)
        {
            while (turn.Count < perTurnMax && _waiting.TryDequeue(out var request))
            {
                turn.Add(request);
            }
            if (turn.Count > 0)
            {
                return true;
            }
            _serving = false;
            return false;
        }
    }
}

using System.Runtime.CompilerServices;

namespace Ledger.Client.Feeding;

/// <summary>Releases items at a steady rate; a stream that falls behind catches up by at most <see cref="CatchUpMax"/>.</summary>
public static class Pacing
{
    /// <summary>
    /// After a stall (a silo restart, say) the stream resumes at its rate instead of bursting to make up
    /// all the lost time: a burst is exactly what a recovering silo does not need.
    /// </summary>
    public static readonly TimeSpan CatchUpMax = TimeSpan.FromSeconds(1);

    public static async IAsyncEnumerable<T> PacedAsync<T>(
        IEnumerable<T> items, double ratePerSecond, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var slipped = TimeSpan.Zero;
        long index = 0;
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ratePerSecond > 0)
            {
                var due = slipped + TimeSpan.FromSeconds(index / ratePerSecond);
                var elapsed = time.GetElapsedTime(start);
                if (due > elapsed)
                {
                    await Task.Delay(due - elapsed, time, cancellationToken);
                }
                else if (elapsed - due > CatchUpMax)
                {
                    slipped += elapsed - due - CatchUpMax;
                }
            }
            else if (index % 1024 == 0)
            {
                // Generation is CPU-bound: let the senders run on a two-core machine.
                await Task.Yield();
            }
            index++;
            yield return item;
        }
    }
}

namespace Ledger.Grains.Events;

/// <summary>
/// "The log grew": pulsed by an event log after each append it made, awaited by readers tailing it.
/// A pulse wakes every waiter at once; a reader that was not waiting misses nothing, since it reads
/// by sequence, not by signal.
/// </summary>
public sealed class AppendSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next pulse or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _next).Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Appends by other silos are not signalled here: the caller reads anyway.
        }
    }
}

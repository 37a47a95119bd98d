namespace Ledger.Grains.Events;

/// <summary>
/// "The log grew": pulsed by an event log after each append it made, with the events it logged and
/// their positions, awaited by readers tailing it. A pulse wakes every waiter at once; a reader that
/// was not waiting misses nothing, since it falls back to reading by sequence.
/// </summary>
public sealed class AppendSignal
{
    private TaskCompletionSource<IReadOnlyList<LoggedEvent>> _next = New();

    public void Pulse(IReadOnlyList<LoggedEvent> logged) => Interlocked.Exchange(ref _next, New()).TrySetResult(logged);

    /// <summary>
    /// The events of the next append, or nothing after <paramref name="timeout"/>, whichever comes first.
    /// </summary>
    public async Task<IReadOnlyList<LoggedEvent>> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await Volatile.Read(ref _next).Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Appends by other silos are not signalled here: the caller reads anyway.
            return [];
        }
    }

    private static TaskCompletionSource<IReadOnlyList<LoggedEvent>> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

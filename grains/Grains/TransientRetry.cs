namespace Ledger.Grains;

/// <summary>
/// The retry of a grain call that failed because a silo left or died: the directory still pointed at
/// it (until the cluster declares it dead, about 1.5 s after a kill -9, or at once after a graceful
/// stop), so a moment later the same call activates the grain elsewhere. Retried for up to
/// <see cref="Budget"/>, then the caller gets its 503 as before. Only for idempotent calls (a
/// settlement or a reversal by its setl_id: a retry of one that was journaled answers <c>duplicate</c>
/// with the first answer's amounts; a household's registrations, or a person's move, which a retry
/// finds <c>unchanged</c>; a read), and each attempt is a new call: a grain-call filter cannot resend a
/// request the callee may already have consumed.
/// </summary>
public static class TransientRetry
{
    /// <summary>Pauses between attempts: 1.5 s in all, about what failure detection takes.</summary>
    public static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)];

    public static TimeSpan Budget => Delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, IReadOnlyList<TimeSpan>? delays = null)
    {
        delays ??= Delays;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception error) when (attempt < delays.Count && IsSiloGone(error))
            {
                await Task.Delay(delays[attempt]);
            }
        }
    }

    /// <summary>The target silo is unreachable, gone or leaving: not a fault of the call or of storage.</summary>
    public static bool IsSiloGone(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is SiloUnavailableException or OrleansMessageRejectionException)
            {
                return true;
            }
        }
        return false;
    }
}

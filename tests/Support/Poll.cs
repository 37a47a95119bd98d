namespace Ledger.Tests.Support;

/// <summary>Waiting without sleeping blind: poll a condition until a deadline, then fail naming what was awaited.</summary>
public static class Poll
{
    public static async Task Until(Func<Task<bool>> condition, string awaited, int timeoutMilliseconds = 10_000, int intervalMilliseconds = 10)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeoutMilliseconds} ms waiting for {awaited}");
            }
            await Task.Delay(intervalMilliseconds);
        }
    }

    /// <summary>Polls until <paramref name="probe"/> yields a value, then returns it.</summary>
    public static async Task<T> UntilValue<T>(Func<Task<T?>> probe, string awaited, int timeoutMilliseconds = 10_000) where T : class
    {
        T? value = null;
        await Until(async () => (value = await probe()) is not null, awaited, timeoutMilliseconds);
        return value!;
    }
}

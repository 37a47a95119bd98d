using Ledger.Client.Feeding;

namespace Ledger.Client.Tests.Fakes;

/// <summary>Retry timings that keep tests fast; the rules are the production ones.</summary>
public static class Quick
{
    public static readonly RetryPolicy Retry = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(1),
        DelayMax = TimeSpan.FromMilliseconds(5),
        RetryAfterMax = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    public static HttpClient Http(HttpMessageHandler handler) =>
        new(handler) { BaseAddress = new Uri("http://ledger.test/") };

    public static IReadOnlyList<FeedLine> FeedLines(IReadOnlyList<string> texts) =>
        texts.Select((text, i) => NdjsonFeedReader.Parse(i + 1, text, "setl_id", text.Length + 1)).ToList();

    public static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}

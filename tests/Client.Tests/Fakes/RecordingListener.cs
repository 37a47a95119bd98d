using System.Collections.Concurrent;
using Ledger.Client.Feeding;

namespace Ledger.Client.Tests.Fakes;

/// <summary>Records what the sender reports, so tests can check "exactly once" line by line.</summary>
public sealed class RecordingListener : IFeedListener
{
    public ConcurrentQueue<(FeedLine Line, LineAnswer Answer)> Answers { get; } = new();

    public ConcurrentQueue<(IReadOnlyList<FeedLine> Lines, bool Resend)> Sends { get; } = new();

    public ConcurrentQueue<string> Retries { get; } = new();

    public void Sending(IReadOnlyList<FeedLine> lines, bool resend) => Sends.Enqueue((lines, resend));

    public void Acknowledged(FeedLine line, LineAnswer answer) => Answers.Enqueue((line, answer));

    public void Retrying(string reason, TimeSpan delay) => Retries.Enqueue(reason);
}

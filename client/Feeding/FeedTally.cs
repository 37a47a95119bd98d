using System.Collections.Concurrent;
using Ledger.Client.Http;

namespace Ledger.Client.Feeding;

/// <summary>One rejected or malformed line, kept for the report.</summary>
public sealed record Rejection(long LineNumber, string? Key, Problem Problem);

/// <summary>
/// The running count of a feed, safe to update from every connection and to read from the progress
/// bar. Every line ends in exactly one of recorded, duplicate, rejected or malformed.
/// </summary>
public sealed class FeedTally(RejectsWriter? rejects = null) : IFeedListener
{
    /// <summary>Rejections kept in memory to print; the rest are only counted (and in --rejects).</summary>
    public const int RejectionsShownMax = 10;

    private readonly ConcurrentQueue<Rejection> _shown = new();
    private long _read;
    private long _sent;
    private long _resent;
    private long _requests;
    private long _recorded;
    private long _duplicate;
    private long _rejected;
    private long _malformed;
    private long _acknowledgedWeight;
    private string? _lastRetry;

    public long Read => Interlocked.Read(ref _read);
    public long Sent => Interlocked.Read(ref _sent);
    public long Resent => Interlocked.Read(ref _resent);
    public long Requests => Interlocked.Read(ref _requests);
    public long Recorded => Interlocked.Read(ref _recorded);
    public long Duplicate => Interlocked.Read(ref _duplicate);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Malformed => Interlocked.Read(ref _malformed);
    public long AcknowledgedCount => Recorded + Duplicate + Rejected;
    public long AcknowledgedWeight => Interlocked.Read(ref _acknowledgedWeight);
    public long Unacknowledged => Sent - AcknowledgedCount;
    public string? LastRetry => Volatile.Read(ref _lastRetry);
    public IReadOnlyCollection<Rejection> RejectionsShown => _shown;

    /// <summary>A line came out of the file: counted, and reported at once when it is malformed.</summary>
    public void LineRead(FeedLine line)
    {
        Interlocked.Increment(ref _read);
        if (line.Malformed is { } reason)
        {
            Interlocked.Increment(ref _malformed);
            Interlocked.Add(ref _acknowledgedWeight, line.Weight);
            Report(line, Problem.Local("malformed line", reason));
        }
    }

    public void Sending(IReadOnlyList<FeedLine> lines, bool resend)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref resend ? ref _resent : ref _sent, lines.Count);
    }

    public void Acknowledged(FeedLine line, LineAnswer answer)
    {
        switch (answer.Status)
        {
            case LineStatus.Recorded:
                Interlocked.Increment(ref _recorded);
                break;
            case LineStatus.Duplicate:
                Interlocked.Increment(ref _duplicate);
                break;
            case LineStatus.Rejected:
                Interlocked.Increment(ref _rejected);
                Report(line, answer.Error ?? Problem.Local("rejected"));
                break;
            default:
                throw new InvalidOperationException($"line {line.LineNumber} acknowledged with non-final status {answer.Status}");
        }
        Interlocked.Add(ref _acknowledgedWeight, line.Weight);
    }

    public void Retrying(string reason, TimeSpan delay) => Volatile.Write(ref _lastRetry, reason);

    private void Report(FeedLine line, Problem problem)
    {
        if (_shown.Count < RejectionsShownMax)
        {
            _shown.Enqueue(new Rejection(line.LineNumber, line.Key, problem));
        }
        rejects?.Write(line, problem);
    }
}

using Ledger.Client.Http;

namespace Ledger.Client.Feeding;

public enum LineStatus
{
    Recorded = 0,
    Duplicate = 1,

    /// <summary>Refused for good (4xx): acknowledged, reported, never resent.</summary>
    Rejected = 2,

    /// <summary>Refused for now (the line's own 429/5xx): resent with the next attempt.</summary>
    Retry = 3,
}

/// <summary>The server's word on one line.</summary>
public sealed record LineAnswer(LineStatus Status, Problem? Error = null)
{
    public bool IsFinal => Status != LineStatus.Retry;
}

/// <summary>What one request made of a group of lines.</summary>
public abstract record Attempt
{
    private Attempt()
    {
    }

    /// <summary>One answer per line, in order.</summary>
    public sealed record Answered(IReadOnlyList<LineAnswer> Answers) : Attempt;

    /// <summary>No answer (transport error, timeout, 5xx, 429): resend the same lines after a pause.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : Attempt;

    /// <summary>The request as a whole was refused (400, 413, 422 …): one line's fault, or every line's.</summary>
    public sealed record Refused(Problem Problem) : Attempt;

    /// <summary>Retrying cannot help (401, 403, no such route, a reply that breaks the contract).</summary>
    public sealed record Fatal(string Message) : Attempt;
}

/// <summary>Sends a group of lines once. Implementations never throw for server or network trouble.</summary>
public interface ILineTarget
{
    /// <summary>Most lines one request may carry.</summary>
    int LinesPerRequestMax { get; }

    Task<Attempt> AttemptAsync(IReadOnlyList<FeedLine> lines, CancellationToken cancellationToken);
}

/// <summary>A refusal retrying cannot fix: the feed stops.</summary>
public sealed class FeedRefusedException(string message) : Exception(message);

/// <summary>Lines stayed unacknowledged for longer than --give-up-after.</summary>
public sealed class FeedGaveUpException(string message) : Exception(message);

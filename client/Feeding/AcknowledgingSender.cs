namespace Ledger.Client.Feeding;

/// <summary>What the sender reports as it goes; the tally implements it.</summary>
public interface IFeedListener
{
    /// <summary>A request is about to carry these lines; <paramref name="resend"/> when they went before.</summary>
    void Sending(IReadOnlyList<FeedLine> lines, bool resend);

    /// <summary>The final answer for one line: called exactly once per line.</summary>
    void Acknowledged(FeedLine line, LineAnswer answer);

    /// <summary>An attempt failed and will be repeated after <paramref name="delay"/>.</summary>
    void Retrying(string reason, TimeSpan delay);
}

/// <summary>
/// Sends lines until every one has a final answer. Transport errors, timeouts, 5xx and 429 resend the
/// same lines after a backoff (settlements are idempotent by setl_id, so a resend after a silo restart
/// answers "duplicate"); lines refused for now are resent on their own; a request refused as a whole is
/// split in halves until the refusal names one line. Only a fatal refusal or --give-up-after stops it.
/// </summary>
public sealed class AcknowledgingSender(ILineTarget target, RetryPolicy policy, IFeedListener listener)
{
    public Task SendAsync(IReadOnlyList<FeedLine> lines, CancellationToken cancellationToken) =>
        SendAsync(lines, resend: false, cancellationToken);

    private async Task SendAsync(IReadOnlyList<FeedLine> lines, bool resend, CancellationToken cancellationToken)
    {
        if (lines.Count > target.LinesPerRequestMax)
        {
            await SendHalvesAsync(lines, resend, cancellationToken);
            return;
        }
        var pending = lines;
        var failures = 0;
        var failingSince = (DateTimeOffset?)null;
        while (pending.Count > 0)
        {
            listener.Sending(pending, resend);
            resend = true;
            var attempt = await target.AttemptAsync(pending, cancellationToken);
            string reason;
            TimeSpan? retryAfter = null;
            switch (attempt)
            {
                case Attempt.Answered answered:
                    var (retry, progressed) = Acknowledge(pending, answered);
                    if (retry.Count == 0)
                    {
                        return;
                    }
                    if (progressed)
                    {
                        failures = 0;
                        failingSince = null;
                    }
                    pending = retry;
                    reason = $"{retry.Count} line(s) refused for now: {answered.Answers.First(a => !a.IsFinal).Error?.Describe() ?? "retry"}";
                    break;
                case Attempt.Refused when pending.Count > 1:
                    await SendHalvesAsync(pending, resend: true, cancellationToken);
                    return;
                case Attempt.Refused refused:
                    listener.Acknowledged(pending[0], new LineAnswer(LineStatus.Rejected, refused.Problem));
                    return;
                case Attempt.Transient transient:
                    reason = transient.Reason;
                    retryAfter = transient.RetryAfter;
                    break;
                case Attempt.Fatal fatal:
                    throw new FeedRefusedException(fatal.Message);
                default:
                    throw new InvalidOperationException($"unknown attempt outcome {attempt.GetType().Name}");
            }
            failures++;
            failingSince ??= policy.Time.GetUtcNow();
            if (policy.GiveUpAfter is { } limit && policy.Time.GetUtcNow() - failingSince >= limit)
            {
                throw new FeedGaveUpException($"gave up after {limit.TotalSeconds:0.###} s without an acknowledgement: {reason}");
            }
            var delay = policy.Delay(failures, retryAfter);
            listener.Retrying(reason, delay);
            await Task.Delay(delay, policy.Time, cancellationToken);
        }
    }

    private (IReadOnlyList<FeedLine> Retry, bool Progressed) Acknowledge(IReadOnlyList<FeedLine> lines, Attempt.Answered answered)
    {
        if (answered.Answers.Count != lines.Count)
        {
            throw new FeedRefusedException($"the server answered {answered.Answers.Count} result(s) for {lines.Count} line(s)");
        }
        var retry = new List<FeedLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (answered.Answers[i].IsFinal)
            {
                listener.Acknowledged(lines[i], answered.Answers[i]);
            }
            else
            {
                retry.Add(lines[i]);
            }
        }
        return (retry, retry.Count < lines.Count);
    }

    private async Task SendHalvesAsync(IReadOnlyList<FeedLine> lines, bool resend, CancellationToken cancellationToken)
    {
        var half = lines.Count / 2;
        await SendAsync(lines.Take(half).ToList(), resend, cancellationToken);
        await SendAsync(lines.Skip(half).ToList(), resend, cancellationToken);
    }
}

using System.Net;
using Ledger.Client.Http;

namespace Ledger.Client.Feeding;

/// <summary>The retry rules shared by every feed target: what an HTTP failure means for the lines.</summary>
public static class HttpAttempts
{
    /// <summary>Sends one request with the attempt's deadline; network trouble becomes a transient outcome.</summary>
    public static async Task<Attempt> SendAsync(
        HttpClient http, Func<HttpRequestMessage> request, RetryPolicy policy,
        Func<HttpResponseMessage, string, Attempt> onAnswer, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(policy.AttemptTimeout);
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return onAnswer(response, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt.Transient($"no answer within {policy.AttemptTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return new Attempt.Transient(Describe(exception));
        }
        catch (IOException exception)
        {
            return new Attempt.Transient(Describe(exception));
        }
    }

    /// <summary>The outcome of a non-success status that is the same for every target.</summary>
    public static Attempt Failure(string what, HttpResponseMessage response, string body, bool keyGiven)
    {
        var status = response.StatusCode;
        var problem = Problem.Parse(status, body);
        return (int)status switch
        {
            408 or 429 or >= 500 and not 501 and not 505 =>
                new Attempt.Transient(problem.Describe(), RetryAfter(response)),
            401 => new Attempt.Fatal($"{what}: {problem.Describe()}{(keyGiven ? "" : " (no API key given: use --key or LEDGER_API_KEY)")}"),
            403 or 404 or 405 or 415 or 501 or 505 =>
                new Attempt.Fatal($"{what}: {problem.Describe()}"),
            _ => new Attempt.Refused(problem),
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    internal static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }
        return innermost == exception || exception.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? exception.Message
            : $"{exception.Message} ({innermost.Message})";
    }

    public static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;
}

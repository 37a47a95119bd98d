using System.Net.Http.Headers;
using System.Text;
using Ledger.Client.Feeding;
using Ledger.Client.Http;

namespace Ledger.Client.Watching;

/// <summary>
/// Follows <c>GET /api/events/stream?region=</c> for as long as it is asked to. When the stream drops
/// (silo restart, load balancer timeout), it reconnects with backoff and sends Last-Event-ID, so the
/// server replays what followed and nothing is missed; a replayed event the caller has already seen is
/// recognised by its id and skipped.
/// </summary>
public sealed class EventWatcher(HttpClient http, string region, RetryPolicy policy, bool keyGiven)
{
    /// <summary>Event ids remembered for de-duplication across reconnects.</summary>
    public const int SeenIdsMax = 10_000;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private readonly HashSet<string> _seen = [];
    private readonly Queue<string> _seenOrder = new();

    /// <summary>Where to resume; null = from now.</summary>
    public string? LastEventId { get; set; }

    public async Task RunAsync(Func<ServerSentEvent, Task> onEvent, Action<string> onReconnect, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            string reason;
            TimeSpan? retry = null;
            try
            {
                using var response = await ConnectAsync(cancellationToken);
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var parser = new ServerSentEventParser();
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (parser.Push(line) is not { } received)
                    {
                        continue;
                    }
                    failures = 0;
                    if (received.Id is { } id)
                    {
                        LastEventId = id;
                        if (!Remember(id))
                        {
                            continue;
                        }
                    }
                    await onEvent(received);
                }
                retry = parser.Retry;
                reason = "the server closed the stream";
            }
            catch (TransientStreamException exception)
            {
                reason = exception.Message;
                retry = exception.RetryAfter;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reason = $"no answer within {ConnectTimeout.TotalSeconds:0} s";
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                reason = HttpAttempts.Describe(exception);
            }
            failures++;
            var delay = policy.Delay(failures, retry);
            onReconnect($"{reason}; reconnecting in {delay.TotalSeconds:0.#} s{(LastEventId is null ? "" : $" after event {LastEventId}")}");
            await Task.Delay(delay, policy.Time, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> ConnectAsync(CancellationToken cancellationToken)
    {
        var path = $"api/events/stream?region={Uri.EscapeDataString(region)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (LastEventId is { } last)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", last);
        }
        HttpResponseMessage response;
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connect.CancelAfter(ConnectTimeout);
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
        }
        if (HttpAttempts.IsSuccess(response.StatusCode))
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var problem = Problem.Parse(response.StatusCode, body);
            if (response.StatusCode == System.Net.HttpStatusCode.Gone && LastEventId is { } gone)
            {
                // Too far behind to replay: what came between is lost to this watch; it goes on from now.
                LastEventId = null;
                throw new TransientStreamException($"the server can no longer replay after event {gone} (410 Gone): events since then are not shown, re-read the state; watching from now on", TimeSpan.Zero);
            }
            if (HttpAttempts.Failure($"GET /{path}", response, body, keyGiven) is Attempt.Transient transient)
            {
                throw new TransientStreamException(transient.Reason, transient.RetryAfter);
            }
            var hint = (int)response.StatusCode == 401 && !keyGiven ? " (no API key given: use --key or LEDGER_API_KEY)" : "";
            throw new ApiException($"GET /{path}: {problem.Describe()}{hint}", problem);
        }
    }

    private bool Remember(string id)
    {
        if (!_seen.Add(id))
        {
            return false;
        }
        _seenOrder.Enqueue(id);
        if (_seenOrder.Count > SeenIdsMax)
        {
            _seen.Remove(_seenOrder.Dequeue());
        }
        return true;
    }

    private sealed class TransientStreamException(string message, TimeSpan? retryAfter) : Exception(message)
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}

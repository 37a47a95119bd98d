using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Ledger.Client.Tests.Fakes;

/// <summary>A request as the fake server saw it.</summary>
public sealed record SeenRequest(int Attempt, HttpMethod Method, string PathAndQuery, string Body, string? ContentType, string? ApiKey, string? LastEventId);

/// <summary>
/// Stands in for the network: every request is recorded and answered by <see cref="Respond"/>, which
/// may also throw (a connection error) to act out a failing silo.
/// </summary>
public sealed class FakeHandler(Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int _attempts;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public FakeHandler(Func<SeenRequest, Task<HttpResponseMessage>> respond)
        : this((request, _) => respond(request))
    {
    }

    public Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> Respond { get; } = respond;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var seen = new SeenRequest(
            Interlocked.Increment(ref _attempts), request.Method, request.RequestUri!.PathAndQuery, body,
            request.Content?.Headers.ContentType?.MediaType,
            request.Headers.TryGetValues("X-Api-Key", out var keys) ? keys.Single() : null,
            request.Headers.TryGetValues("Last-Event-ID", out var ids) ? ids.Single() : null);
        Requests.Enqueue(seen);
        var response = await Respond(seen, cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    public static HttpResponseMessage Text(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string title, string? field = null, string? reason = null)
    {
        var errors = field is null ? "" : $", \"errors\": {{ \"{field}\": [\"{reason}\"] }}";
        return Text(status, $"{{ \"title\": \"{title}\", \"status\": {(int)status}{errors} }}", "application/problem+json");
    }
}

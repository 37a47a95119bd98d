namespace Ledger.Client.Http;

/// <summary>
/// Spreads requests over several silos (round robin) and steps around one that cannot be reached:
/// after a connection failure it is left out for <see cref="DownFor"/> while the others carry the
/// load. The failed request itself is resent by the caller's retry rules, which then reach another
/// silo. Requests are written against the first base URL; this rewrites them to the chosen one.
/// </summary>
public sealed class FailoverHandler(IReadOnlyList<Uri> servers, TimeProvider time) : DelegatingHandler
{
    public static readonly TimeSpan DownFor = TimeSpan.FromSeconds(5);

    private readonly DateTimeOffset[] _downUntil = new DateTimeOffset[servers.Count];
    private int _next = -1;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = Choose();
        var primary = servers[0].AbsoluteUri;
        var target = request.RequestUri!.AbsoluteUri;
        if (index != 0 && target.StartsWith(primary, StringComparison.Ordinal))
        {
            request.RequestUri = new Uri(servers[index].AbsoluteUri + target[primary.Length..]);
        }
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            lock (_downUntil)
            {
                _downUntil[index] = time.GetUtcNow() + DownFor;
            }
            throw;
        }
        finally
        {
            // A resend through this message starts again from the first base URL.
            request.RequestUri = new Uri(target);
        }
    }

    /// <summary>The next silo in turn that is not marked down; if all are, the next in turn anyway.</summary>
    private int Choose()
    {
        var now = time.GetUtcNow();
        lock (_downUntil)
        {
            for (var tried = 0; tried < servers.Count; tried++)
            {
                _next = (_next + 1) % servers.Count;
                if (_downUntil[_next] <= now)
                {
                    return _next;
                }
            }
            return _next = (_next + 1) % servers.Count;
        }
    }
}

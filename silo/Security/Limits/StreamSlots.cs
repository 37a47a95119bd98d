using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Security.Limits;

/// <summary>
/// The open event streams of this silo, per key and in all. A stream over its key's cap answers 429,
/// over the silo's 503, both with <c>Retry-After</c>; its slot is given back when the stream ends.
/// </summary>
public sealed class StreamSlots(IOptions<StreamOptions> options) : IEndpointFilter
{
    public const int RetryAfterSeconds = 5;

    private readonly ConcurrentDictionary<string, int> _perKey = new(StringComparer.Ordinal);
    private int _total;

    public int Open => Volatile.Read(ref _total);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var keyId = http.Caller().KeyId;
        var limits = options.Value;
        if (Interlocked.Increment(ref _total) > limits.SiloMax)
        {
            Interlocked.Decrement(ref _total);
            return Refused(http, StatusCodes.Status503ServiceUnavailable, "This silo serves as many event streams as it can; retry, or use another silo.");
        }
        if (_perKey.AddOrUpdate(keyId, 1, (_, open) => open + 1) > limits.PerKeyMax)
        {
            Release(keyId);
            return Refused(http, StatusCodes.Status429TooManyRequests, $"This key holds {limits.PerKeyMax} event streams on this silo already; close one first.");
        }
        try
        {
            return await next(context);
        }
        finally
        {
            Release(keyId);
        }
    }

    private void Release(string keyId)
    {
        _perKey.AddOrUpdate(keyId, 0, (_, open) => open - 1);
        _perKey.TryRemove(new KeyValuePair<string, int>(keyId, 0));
        Interlocked.Decrement(ref _total);
    }

    private static IResult Refused(HttpContext http, int status, string detail)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: status, title: "Too many event streams", detail: detail);
    }
}

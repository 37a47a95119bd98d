using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Security.Limits;

/// <summary>The open event streams of this silo, per key and in all (one per silo: a singleton).</summary>
public sealed class StreamSlots(IOptions<StreamOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _perKey = new(StringComparer.Ordinal);
    private int _total;

    public int Open => Volatile.Read(ref _total);

    /// <summary>Takes a slot for <paramref name="keyId"/>, or says which cap is full (429 per key, 503 per silo).</summary>
    public int? TryTake(string keyId)
    {
        var limits = options.Value;
        if (Interlocked.Increment(ref _total) > limits.SiloMax)
        {
            Interlocked.Decrement(ref _total);
            return StatusCodes.Status503ServiceUnavailable;
        }
        if (_perKey.AddOrUpdate(keyId, 1, (_, open) => open + 1) > limits.PerKeyMax)
        {
            Release(keyId);
            return StatusCodes.Status429TooManyRequests;
        }
        return null;
    }

    public void Release(string keyId)
    {
        _perKey.AddOrUpdate(keyId, 0, (_, open) => open - 1);
        _perKey.TryRemove(new KeyValuePair<string, int>(keyId, 0));
        Interlocked.Decrement(ref _total);
    }
}

/// <summary>
/// A stream over its key's cap answers 429, over the silo's 503, both with <c>Retry-After</c>; its
/// slot is given back when the stream ends.
/// </summary>
public sealed class StreamSlotsFilter(StreamSlots slots, IOptions<StreamOptions> options) : IEndpointFilter
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var keyId = http.Caller().KeyId;
        if (slots.TryTake(keyId) is { } refused)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: refused, title: "Too many event streams", detail: refused == StatusCodes.Status429TooManyRequests
                ? $"This key holds {options.Value.PerKeyMax} event streams on this silo already; close one first."
                : "This silo serves as many event streams as it can; retry, or use another silo.");
        }
        try
        {
            return await next(context);
        }
        finally
        {
            slots.Release(keyId);
        }
    }
}

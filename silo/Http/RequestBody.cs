using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Http;

/// <summary>
/// Reads a request body up to a limit; null when it is larger, and the caller answers <see cref="TooLarge"/>:
/// every endpoint that reads a body refuses an oversized one the same way (413, README "When things go wrong").
/// </summary>
public static class RequestBody
{
    /// <summary>The 413 problem of a body over <paramref name="bytesMax"/>, naming the limit.</summary>
    public static ProblemHttpResult TooLarge(long bytesMax) =>
        Problems.Field("body", $"must be at most {bytesMax} bytes", StatusCodes.Status413PayloadTooLarge);

    public static async Task<byte[]?> Read(HttpContext context, long bytesMax)
    {
        // A filter that looked at the body first (a scoped key's region check) left what it read.
        if (context.Items[typeof(RequestBody)] is ReadBody earlier && earlier.BytesMax == bytesMax)
        {
            return earlier.Body;
        }
        var body = await ReadOnce(context, bytesMax);
        context.Items[typeof(RequestBody)] = new ReadBody(body, bytesMax);
        return body;
    }

    private static async Task<byte[]?> ReadOnce(HttpContext context, long bytesMax)
    {
        var declared = context.Request.ContentLength;
        if (declared > bytesMax)
        {
            return null;
        }
        if (declared is { } length)
        {
            // One buffer of the announced size: no growing copies of a megabyte batch.
            var body = new byte[length];
            await context.Request.Body.ReadExactlyAsync(body, context.RequestAborted);
            return body;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > bytesMax)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private sealed record ReadBody(byte[]? Body, long BytesMax);
}

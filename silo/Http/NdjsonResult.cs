using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Ledger.Contracts;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ledger.Silo.Http;

/// <summary>
/// Answers one JSON object per line, written straight into the response body as each item is turned
/// into its line: no string per line, no joined copy (a 10 000-line answer is megabytes).
/// </summary>
public sealed class NdjsonResult<TItem, TLine>(IReadOnlyList<TItem> items, Func<TItem, TLine> line) : IResult, IEndpointMetadataProvider
{
    /// <summary>OpenAPI: 200 as application/x-ndjson, one <typeparamref name="TLine"/> per line.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TLine), ["application/x-ndjson"]));

    private const int LinesPerFlush = 256;

    private static readonly JsonWriterOptions Writing = new() { SkipValidation = true, Encoder = LedgerJson.Options.Encoder };

    /// <summary>The items answered, line by line (the audit trail records each write).</summary>
    public IReadOnlyList<TItem> Items => items;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/x-ndjson; charset=utf-8";
        var body = httpContext.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, Writing);
        for (var i = 0; i < items.Count; i++)
        {
            JsonSerializer.Serialize(writer, line(items[i]), LedgerJson.Options);
            writer.Flush();
            writer.Reset(body);
            body.Write("\n"u8);
            if (i % LinesPerFlush == LinesPerFlush - 1)
            {
                await body.FlushAsync(httpContext.RequestAborted);
            }
        }
        await body.FlushAsync(httpContext.RequestAborted);
    }
}

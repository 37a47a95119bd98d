using System.Buffers;
using System.Text.Json;
using Ledger.Contracts;
using Ledger.Contracts.Settlements;

namespace Ledger.Silo.Apis;

/// <summary>
/// A batch's answers, one JSON object per line, written straight into the response body: no string
/// per line, no joined copy (those were the largest share of the silo's allocations at peak load).
/// </summary>
public sealed class NdjsonAnswers(IReadOnlyList<SettlementResult> answers) : IResult
{
    private const int LinesPerFlush = 256;

    private static readonly JsonWriterOptions Writing = new() { SkipValidation = true, Encoder = LedgerJson.Options.Encoder };

    /// <summary>The answers, line by line (the audit trail records each).</summary>
    public IReadOnlyList<SettlementResult> Answers => answers;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/x-ndjson; charset=utf-8";
        var body = httpContext.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, Writing);
        for (var i = 0; i < answers.Count; i++)
        {
            JsonSerializer.Serialize(writer, SettlementAnswer.From(answers[i]), LedgerJson.Options);
            writer.Flush();
            writer.Reset(body);
            body.Write("\n"u8);
            if (i % LinesPerFlush == LinesPerFlush - 1)
            {
                // A 10 000-line answer is megabytes: hand it to the socket as it grows.
                await body.FlushAsync(httpContext.RequestAborted);
            }
        }
        await body.FlushAsync(httpContext.RequestAborted);
    }
}

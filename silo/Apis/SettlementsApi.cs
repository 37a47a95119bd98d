using System.Text;
using System.Text.Json;
using Ledger.Contracts;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Silo.Security;

namespace Ledger.Silo.Apis;

/// <summary>Settlements from the feeds: one JSON object, or an NDJSON batch answered line by line.</summary>
public static class SettlementsApi
{
    /// <summary>Lines one NDJSON batch may carry (API.md).</summary>
    public const int BatchLinesMax = 10_000;

    /// <summary>Settlements of one batch in flight at once: enough to keep both cores busy, bounded.</summary>
    public const int BatchConcurrencyMax = 64;

    public const long SingleBodyBytesMax = 64 * 1024;
    public const long BatchBodyBytesMax = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapSettlementsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/settlements", Post).WithName("PostSettlements")
            .WithSummary("Record one settlement (JSON) or a batch (application/x-ndjson, one answer line per input line)");
        api.MapPost("/settlements/{setlId}/reversal", Reverse).WithName("ReverseSettlement")
            .WithSummary("Reverse a recorded settlement (body: {\"psn_no\": ...}, as the national cancel interface 2208)");
        return api;
    }

    private static async Task<IResult> Post(HttpContext context, IGrainFactory grains)
    {
        if (context.Caller().Role != Roles.Feed)
        {
            return Problems.Forbidden("Only feeds write settlements.");
        }
        var ndjson = context.Request.ContentType?.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase) == true;
        var body = await RequestBody.Read(context, ndjson ? BatchBodyBytesMax : SingleBodyBytesMax);
        if (body is null)
        {
            return Problems.Field("body", $"must be at most {(ndjson ? BatchBodyBytesMax : SingleBodyBytesMax)} bytes", StatusCodes.Status413PayloadTooLarge);
        }
        if (!ndjson)
        {
            return Answer(await Settle(grains, body));
        }
        var lines = Encoding.UTF8.GetString(body).Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();
        if (lines.Length > BatchLinesMax)
        {
            return Problems.Field("body", $"a batch carries at most {BatchLinesMax} lines, this one {lines.Length}", StatusCodes.Status413PayloadTooLarge);
        }
        var answers = new SettlementAnswer[lines.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, lines.Length), new ParallelOptions { MaxDegreeOfParallelism = BatchConcurrencyMax },
            async (index, _) => answers[index] = SettlementAnswer.From(await Settle(grains, Encoding.UTF8.GetBytes(lines[index]))));
        var text = new StringBuilder();
        foreach (var answer in answers)
        {
            text.Append(JsonSerializer.Serialize(answer, LedgerJson.Options)).Append('\n');
        }
        return TypedResults.Text(text.ToString(), "application/x-ndjson", Encoding.UTF8);
    }

    private static async Task<SettlementResult> Settle(IGrainFactory grains, byte[] json)
    {
        var (request, error) = WireJson.Parse<SettlementRequest>(json);
        if (request is null)
        {
            return SettlementResult.Rejected("", error!);
        }
        if (Grains.Settlements.SettlementInput.IdProblem(request.PsnNo, "psn_no") is { } badPerson)
        {
            return SettlementResult.Rejected(request.SetlId, badPerson);
        }
        return await grains.GetGrain<IPersonGrain>(request.PsnNo).Settle(request);
    }

    /// <summary>200 with the answer, or the rejection as problem details with its status code.</summary>
    private static IResult Answer(SettlementResult result) =>
        result.Error is { } error ? Problems.From(error) : TypedResults.Ok(SettlementAnswer.From(result));

    private static async Task<IResult> Reverse(string setlId, HttpContext context, IGrainFactory grains)
    {
        if (context.Caller().Role != Roles.Feed)
        {
            return Problems.Forbidden("Only feeds reverse settlements.");
        }
        var body = await RequestBody.Read(context, SingleBodyBytesMax);
        var (reversal, error) = body is null ? (null, new Rejection(RejectionCode.Invalid, "body", "too large")) : WireJson.Parse<ReversalRequest>(body);
        if (reversal is null)
        {
            return Problems.From(error!);
        }
        if ((Grains.Settlements.SettlementInput.IdProblem(reversal.PsnNo, "psn_no") ?? Grains.Settlements.SettlementInput.IdProblem(setlId, "setl_id")) is { } bad)
        {
            return Problems.From(bad);
        }
        return Answer(await grains.GetGrain<IPersonGrain>(reversal.PsnNo).Reverse(setlId));
    }
}

/// <summary>The reversal body: the person whose settlement it is (interface 2208 carries it too).</summary>
public sealed record ReversalRequest(string PsnNo);

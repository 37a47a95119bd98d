using System.Text;
using System.Text.Json;
using Ledger.Contracts;
using Ledger.Contracts.Persons;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Settlements;
using Ledger.Silo.Http;
using Ledger.Silo.Routing;
using Ledger.Silo.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Silo.Apis;

/// <summary>Settlements from the feeds: one JSON object, or an NDJSON batch answered line by line.</summary>
public static partial class SettlementsApi
{
    /// <summary>Lines one NDJSON batch may carry (API.md).</summary>
    public const int BatchLinesMax = WireLimits.BatchLinesMax;

    /// <summary>Settlements of one batch in flight at once: enough to keep both cores busy, bounded.</summary>
    public const int BatchConcurrencyMax = 64;

    public const long SingleBodyBytesMax = 64 * 1024;
    public const long BatchBodyBytesMax = 16 * 1024 * 1024;

    public static RouteGroupBuilder MapSettlementsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/settlements", Post).WithName("PostSettlements").AddEndpointFilter(ContentTypeFilter.JsonOrNdjson)
            .WithSummary("Record one settlement (JSON) or a batch (application/x-ndjson, one answer line per input line)")
            // Both answers are 200 with the same schema: one object, or one per line.
            .Produces<SettlementAnswer>(StatusCodes.Status200OK, "application/json", "application/x-ndjson")
            // One settlement refused: its rejection's status (Problems.StatusOf); a batch's lines are refused inside the 200.
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/settlements/{setlId}/reversal", Reverse).WithName("ReverseSettlement").AddEndpointFilter(ContentTypeFilter.Json)
            .WithSummary("Reverse a recorded settlement (body: {\"psn_no\": ...}, as the national cancel interface 2208)")
            .Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    private static async Task<Results<Ok<SettlementAnswer>, NdjsonResult<SettlementResult, SettlementAnswer>, ProblemHttpResult>> Post(
        HttpContext context, SettlementRouter router, ILoggerFactory loggers, Hosting.OperationsMetrics metrics, TimeProvider time)
    {
        var ndjson = BodyFormats.Of(context.Request.ContentType) == BodyFormat.Ndjson;
        var bytesMax = ndjson ? BatchBodyBytesMax : SingleBodyBytesMax;
        if (await RequestBody.Read(context, bytesMax) is not { } body)
        {
            return RequestBody.TooLarge(bytesMax);
        }
        if (!ndjson)
        {
            var settled = await Settle(router, Parse(body), time);
            // A refusal's audit line names the settlement too, when the body was read that far.
            Security.Audit.AuditSubject.Name(context, "settlement", settled.SetlId);
            return settled.Error is { } refused ? Problems.From(context, refused) : TypedResults.Ok(SettlementAnswer.From(settled));
        }
        var lines = NdjsonLines.Split(body);
        if (lines.Count > BatchLinesMax)
        {
            return Problems.Field("body", $"a batch carries at most {BatchLinesMax} lines, this one {lines.Count}", StatusCodes.Status413PayloadTooLarge);
        }
        var answers = new SettlementResult[lines.Count];
        var parsed = lines.Select((line, index) => Parse(line, index + 1)).ToArray();
        // Lines repeating a setl_id are settled one after another in line order, so the first is the one
        // recorded and a repeat is answered duplicate, as it would be in a later batch; the rest run in parallel.
        var bySetlId = Enumerable.Range(0, lines.Count).GroupBy(index => parsed[index].Request?.SetlId ?? $"\0{index}", StringComparer.Ordinal);
        await Parallel.ForEachAsync(bySetlId, new ParallelOptions { MaxDegreeOfParallelism = BatchConcurrencyMax },
            async (sameId, _) =>
            {
                foreach (var index in sameId)
                {
                    answers[index] = await Settle(router, parsed[index], time);
                }
            });
        if (UnavailableLines.Refusal(context, UnavailableLines.Settlements, [.. answers.Select(answer => answer.Error)], metrics,
                loggers.CreateLogger(typeof(SettlementsApi))) is { } unavailable)
        {
            return unavailable;
        }
        return new NdjsonResult<SettlementResult, SettlementAnswer>(answers, SettlementAnswer.From);
    }

    /// <summary>
    /// One settlement, routed to its household. A failure of the cluster itself (storage down, silo lost)
    /// answers "unavailable, retry" for this line alone: the feed resends it, and setl_id makes that safe.
    /// A settlement whose ids cannot be routed is refused here, naming every field at fault (the ids and
    /// the rest, as the household would name them), not the ids alone.
    /// </summary>
    private static async Task<SettlementResult> Settle(SettlementRouter router, (SettlementRequest? Request, Rejection? Error) parsed, TimeProvider time)
    {
        if (parsed.Request is not { } request)
        {
            return SettlementResult.Rejected("", parsed.Error!);
        }
        var badPsnNo = SettlementInput.IdProblem(request.PsnNo, "psn_no");
        if ((SettlementInput.IdProblem(request.SetlId, "setl_id") ?? badPsnNo) is not null)
        {
            var rejected = SettlementResult.Rejected(request.SetlId ?? "", SettlementInput.TryParse(request, time.GetUtcNow(), out _)!);
            return badPsnNo is null ? Named(rejected, request) : rejected;
        }
        try
        {
            return Named(await router.Settle(request), request);
        }
        catch (Exception failure) when (Grains.OperatingFailures.Is(failure))
        {
            return Named(SettlementResult.Rejected(request.SetlId, new Rejection(RejectionCode.Unavailable, "setl_id",
                "the ledger could not record this settlement now (storage or a silo is unavailable); resend it: settlements are idempotent by setl_id")), request);
        }
    }

    /// <summary>
    /// A rejected line names the person its (well-formed) psn_no names, as a recorded one does, so a feed
    /// can match a batch's answers to its lines by person as well as by setl_id.
    /// </summary>
    private static SettlementResult Named(SettlementResult result, SettlementRequest request) =>
        result.PsnNo is null && result.Error is not null ? result with { PsnNo = request.PsnNo } : result;

    private static (SettlementRequest? Request, Rejection? Error) Parse(ReadOnlyMemory<byte> json, int line = 1) => WireJson.Parse<SettlementRequest>(json.Span, line);

    /// <summary>200 with the answer, or the rejection as problem details with its status code.</summary>
    private static async Task<Results<Ok<SettlementAnswer>, ProblemHttpResult>> Reverse(string setlId, HttpContext context, IGrainFactory grains)
    {
        if (await RequestBody.Read(context, SingleBodyBytesMax) is not { } body)
        {
            return RequestBody.TooLarge(SingleBodyBytesMax);
        }
        var (reversal, error) = WireJson.Parse<ReversalRequest>(body);
        if (reversal is null)
        {
            return Problems.From(context, error!);
        }
        FieldReason[] badIds = [.. new[] { SettlementInput.IdProblem(reversal.PsnNo, "psn_no"), SettlementInput.IdProblem(setlId, "setl_id") }
            .SelectMany(problem => problem?.Fields() ?? [])];
        if (badIds.Length > 0)
        {
            return Problems.From(context, Rejection.Invalid(badIds));
        }
        // Retried while a silo that held the grains leaves, as settlements are: a reversal is exactly once by its setl_id.
        var reversed = await SettlementRouter.Retried(() => grains.Person(reversal.PsnNo).Reverse(setlId), SettlementStatus.Reversed);
        return reversed.Error is { } refused ? Problems.From(context, refused) : TypedResults.Ok(SettlementAnswer.From(reversed));
    }
}

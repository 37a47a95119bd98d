using Ledger.Grains.Events;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Security.Limits;

/// <summary>
/// A stream resuming with <c>Last-Event-ID</c> replays at most <see cref="StreamOptions.ReplayDepthMax"/>
/// log positions. Further behind, or at an event the log no longer holds, it answers 410 Gone with the
/// way back: re-read the state (monitoring list, household) and open the stream without Last-Event-ID.
/// </summary>
public sealed class ReplayDepthFilter(IEventLog log, IOptions<StreamOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var lastId = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["last_event_id"].FirstOrDefault();
        if (lastId is null)
        {
            return await next(context);
        }
        var cancel = context.HttpContext.RequestAborted;
        var after = await log.SequenceOf(lastId, cancel);
        var head = await log.LastSequence(cancel);
        if (after is null || head - after > options.Value.ReplayDepthMax)
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Too far behind to replay",
                detail: (after is null ? "The log no longer holds this Last-Event-ID. " : $"Last-Event-ID is more than {options.Value.ReplayDepthMax} log positions behind. ")
                    + "Re-read the state (GET /api/regions/{code}/monitoring, the households concerned), then open the stream again without Last-Event-ID.");
        }
        return await next(context);
    }
}

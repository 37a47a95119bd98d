using Ledger.Grains.Journal;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Security.Limits;

/// <summary>
/// A stream resuming with <c>Last-Event-ID</c> replays at most <see cref="StreamOptions.ReplayDepthMax"/>
/// journal positions. Further behind, or at an id that is no event of the journal, it answers 410 Gone
/// with the way back: re-read the state (monitoring list, household) and open the stream without Last-Event-ID.
/// </summary>
public sealed class ReplayDepthFilter(IJournal journal, IOptions<StreamOptions> options) : IEndpointFilter
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
        var head = await journal.LastPosition(cancel);
        var known = EntryEvents.TryParseId(lastId, out var after, out _) && after <= head;
        if (!known || head - after > options.Value.ReplayDepthMax)
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Too far behind to replay",
                detail: (!known ? "This Last-Event-ID is no event of the journal. " : $"Last-Event-ID is more than {options.Value.ReplayDepthMax} journal positions behind. ")
                    + "Re-read the state (GET /api/regions/{code}/monitoring, the households concerned), then open the stream again without Last-Event-ID.");
        }
        return await next(context);
    }
}

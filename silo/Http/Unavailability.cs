using Ledger.Silo.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace Ledger.Silo.Http;

/// <summary>
/// Tells an operating failure of the cluster (storage unreachable, a silo lost, a call timed out) from
/// a defect: the first answers 503 with Retry-After, the request being safe to repeat (settlements are
/// idempotent by setl_id); the second stays a 500.
/// </summary>
public sealed partial class Unavailability(ILogger<Unavailability> logger) : IExceptionHandler
{
    public static bool IsOperatingFailure(Exception error) => Grains.OperatingFailures.Is(error);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception error, CancellationToken cancellationToken)
    {
        if (!IsOperatingFailure(error))
        {
            return false;
        }
        LogUnavailable(logger, context.Request.Method, context.GetEndpoint()?.DisplayName, error.GetType().Name, error.Message);
        await Problems.Unavailable(context, "The ledger's storage or a silo is unavailable; retry.").ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Endpoint} answered 503: {ErrorType}: {ErrorMessage}")]
    private static partial void LogUnavailable(ILogger logger, string method, string? endpoint, string errorType, string errorMessage);
}

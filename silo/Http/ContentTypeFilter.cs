namespace Ledger.Silo.Http;

/// <summary>
/// Refuses a body in a format the endpoint does not take (415, naming <c>content-type</c>) before the
/// handler reads it: declared on the route, <c>.AddEndpointFilter(ContentTypeFilter.Json)</c>, instead
/// of checked at the top of each handler.
/// </summary>
public sealed class ContentTypeFilter(string reason, params BodyFormat[] accepted) : IEndpointFilter
{
    public static readonly ContentTypeFilter Json = new("must be application/json", BodyFormat.Json);

    public static readonly ContentTypeFilter Ndjson = new("must be application/x-ndjson", BodyFormat.Ndjson);

    public static readonly ContentTypeFilter JsonOrNdjson = new(
        "must be application/json (one settlement) or application/x-ndjson (a batch)", BodyFormat.Json, BodyFormat.Ndjson);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        BodyFormats.Of(context.HttpContext.Request.ContentType) is { } format && accepted.Contains(format)
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Field("content-type", reason, StatusCodes.Status415UnsupportedMediaType));
}

using Ledger.Silo.Reports;
using Microsoft.OpenApi;

namespace Ledger.Silo.Http;

/// <summary>Route declarations of the region reads.</summary>
public static class RegionRoutes
{
    /// <summary>Adds <see cref="RegionFilter"/> and declares its two refusals for OpenAPI.</summary>
    public static RouteHandlerBuilder RequireRegion(this RouteHandlerBuilder route) => route.AddEndpointFilter(RegionFilter.Instance)
        .ProducesValidationProblem(StatusCodes.Status400BadRequest)
        .ProducesValidationProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// Declares a CSV 200 (<see cref="CsvStream.MediaType"/>) beside the JSON one the handler's <c>Ok&lt;T&gt;</c>
    /// declares: ASP.NET keeps one response type per status, so <c>.Produces</c> would replace the JSON answer.
    /// </summary>
    public static RouteHandlerBuilder AnswersCsvToo(this RouteHandlerBuilder route) => route.AddOpenApiOperationTransformer((operation, _, _) =>
    {
        if (operation.Responses?.TryGetValue("200", out var answer) == true && answer is OpenApiResponse ok)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content[CsvStream.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
        return Task.CompletedTask;
    });
}

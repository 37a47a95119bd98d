using System.Text.RegularExpressions;
using Ledger.Silo.Security;
using Ledger.Silo.Security.Audit;
using Microsoft.AspNetCore.Diagnostics;

namespace Ledger.Silo.Http;

/// <summary>
/// A query or route value ASP.NET could not bind (<c>?year=abc</c>) answers a problem naming the
/// parameter by its wire name (snake_case), like every other bad input, instead of a bare 400. The value itself is neither echoed
/// nor logged: it may be personal data typed into the wrong place.
/// </summary>
public sealed partial class BadRequests : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception error, CancellationToken cancellationToken)
    {
        if (error is not BadHttpRequestException bad)
        {
            return false;
        }
        var parameter = ParameterName().Match(bad.Message);
        var (field, reason) = parameter.Success
            ? (System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(parameter.Groups["name"].Value), bad.Message.StartsWith("Required", StringComparison.Ordinal) ? "is required" : "has the wrong type or format")
            : ("request", "is malformed");
        // Binding fails before the endpoint's filters run, so the audit line is written here.
        await context.RequestServices.GetRequiredService<RefusalAudit>().Record(context, bad.StatusCode);
        await Problems.Field(field, reason, bad.StatusCode).ExecuteAsync(context);
        return true;
    }

    /// <summary>ASP.NET's wording: Failed to bind parameter "int? year" from "abc". / Required parameter "string psnNo" was not provided …</summary>
    [GeneratedRegex("""parameter "[^"]*?(?<name>[A-Za-z_][A-Za-z0-9_]*)"(?: |\.|$)""")]
    private static partial Regex ParameterName();
}

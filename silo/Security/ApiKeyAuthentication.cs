using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Ledger.Silo.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ledger.Silo.Security;

/// <summary>Marks an endpoint a browser's EventSource calls: it may carry its key as <c>?key=</c>.</summary>
public sealed class KeyInQueryAllowed;

/// <summary>
/// Marks an endpoint a browser or a metrics scraper opens without a way to set headers (dashboard,
/// metrics, OpenAPI): it may carry its key as the password of HTTP Basic authentication.
/// </summary>
public sealed class KeyInBasicAllowed;

/// <summary>
/// The <c>X-Api-Key</c> authentication scheme: the key from the header, from <c>?key=</c> only on
/// <see cref="KeyInQueryAllowed"/> endpoints, from HTTP Basic only on <see cref="KeyInBasicAllowed"/>
/// ones. No key: no result (the authorization policy then answers 401); an unknown key: failure (401).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyTable keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var key = keys.Find(presented);
        return Task.FromResult(key is null
            ? AuthenticateResult.Fail("unknown API key")
            : AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(key, SchemeName), SchemeName)));
    }

    private string? Presented()
    {
        if (Request.Headers[HeaderName].FirstOrDefault() is { Length: > 0 } header)
        {
            return header;
        }
        var metadata = Context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<KeyInQueryAllowed>() is not null && Request.Query["key"].FirstOrDefault() is { Length: > 0 } query)
        {
            return query;
        }
        if (metadata?.GetMetadata<KeyInBasicAllowed>() is not null
            && AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var authorization)
            && authorization.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return BasicPassword(authorization.Parameter);
        }
        return null;
    }

    private static string? BasicPassword(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<KeyInBasicAllowed>() is not null)
        {
            // Lets a browser ask its operator for the key (any user name, the key as password).
            Response.Headers.WWWAuthenticate = "Basic realm=\"Household Ledger operators\", charset=\"UTF-8\"";
        }
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "Missing or unknown API key", $"Send a valid key in the {HeaderName} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed for this key's role", "This key's role does not allow this request.");
}

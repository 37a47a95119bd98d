namespace Ledger.Client.Http;

/// <summary>Where the silo's API is and the key to present (none: the server answers 401 and says so).</summary>
public sealed record ServerOptions(Uri BaseUrl, string? ApiKey)
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string UrlVariable = "LEDGER_URL";
    public const string KeyVariable = "LEDGER_API_KEY";
    public const string KeyHeader = "X-Api-Key";
}

namespace Ledger.Client.Http;

/// <summary>
/// Where the silos' API is and the key to present (none: the server answers 401 and says so). Several
/// base URLs (silos of one cluster) share the requests and stand in for each other when one is down.
/// </summary>
public sealed record ServerOptions(IReadOnlyList<Uri> BaseUrls, string? ApiKey)
{
    public const string DefaultUrl = "http://localhost:5080";
    public const string UrlVariable = "LEDGER_URL";
    public const string KeyVariable = "LEDGER_API_KEY";
    public const string KeyFileVariable = "LEDGER_API_KEY_FILE";
    public const string KeyHeader = "X-Api-Key";

    public ServerOptions(Uri baseUrl, string? apiKey)
        : this([baseUrl], apiKey)
    {
    }

    public Uri BaseUrl => BaseUrls[0];
}

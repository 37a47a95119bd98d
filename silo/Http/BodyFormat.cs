namespace Ledger.Silo.Http;

/// <summary>The body formats the API tells apart by Content-Type.</summary>
public enum BodyFormat
{
    Json = 0,
    Ndjson = 1,
    Other = 2,
}

namespace Ledger.Reliability.Tests.Campaign;

/// <summary>
/// One malformed request (or, with <see cref="InBatch"/>, one malformed line of an NDJSON batch) and
/// what the ledger must answer: a 4xx problem whose <c>errors</c> name <see cref="Field"/>.
/// </summary>
public sealed record BadInput(string Category, HttpMethod Method, string Path, string? ContentType, byte[] Body, string Field, int Status, bool InBatch = false)
{
    public override string ToString() => $"{Category}: {Method} {Path} ({Body.Length} bytes) expecting {Status} naming {Field}";
}

/// <summary>What the campaign needs to know about the ledger it attacks.</summary>
public sealed record CampaignTargets(IReadOnlyList<string> Persons, string PersonWithoutPolicy, string RecordedSetlId, string RecordedBy);

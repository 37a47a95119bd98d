namespace Ledger.Silo.Security.Audit;

/// <summary>
/// A query of the trail: newest first (by <c>at</c>, then by the trail's line <c>id</c>), filtered by
/// subject and/or key id, and to page back, only lines older than a cursor: those before
/// <see cref="Before"/>, or at it with an id below <see cref="BeforeId"/> (the last line of the page read),
/// so lines written at the same instant are neither repeated nor skipped.
/// </summary>
public sealed record AuditQuery(string? Subject, string? KeyId, int Limit, DateTimeOffset? Before = null, long? BeforeId = null)
{
    /// <summary>Whether a line lies past the cursor (every line when there is none).</summary>
    public bool IsOlder(AuditEntry entry) =>
        Before is not { } before || entry.At < before || (entry.At == before && BeforeId is { } id && entry.Id < id);
}

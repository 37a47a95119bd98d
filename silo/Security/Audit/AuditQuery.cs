namespace Ledger.Silo.Security.Audit;

/// <summary>A query of the trail: newest first, filtered by subject and/or key id.</summary>
public sealed record AuditQuery(string? Subject, string? KeyId, int Limit);

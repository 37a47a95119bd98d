namespace Ledger.Silo.Security.Audit;

/// <summary>
/// Who read which person or household and who wrote what. A request is answered only once its lines
/// are recorded: a trail that cannot be written turns reads into 503s rather than unrecorded reads.
/// </summary>
public interface IAuditTrail
{
    Task Record(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> Find(AuditQuery query, CancellationToken cancellationToken);
}

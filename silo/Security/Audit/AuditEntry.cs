namespace Ledger.Silo.Security.Audit;

/// <summary>
/// One line of the audit trail: which key (by id, never the key) did what to which subject, when, and
/// how it ended. <see cref="Subject"/> is typed (<c>person:P-1</c>, <c>household:H-1</c>,
/// <c>settlement:S-1</c>, <c>region:35</c>, <c>events:35</c>); ids cannot contain ':' (SettlementInput).
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string KeyId, string Action, string Subject, string Outcome)
{
    public const string Read = "read";
    public const string Write = "write";

    /// <summary>The trail's number for the line, given when it is recorded (0 before): with <see cref="At"/>, the cursor to page back.</summary>
    public long Id { get; init; }
}

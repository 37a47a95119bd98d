namespace Ledger.Contracts.Settlements;

/// <summary>Why something was refused, in terms the HTTP layer maps to a status code.</summary>
public enum RejectionCode
{
    /// <summary>A field is malformed or out of range (400).</summary>
    Invalid = 0,

    /// <summary>The person or settlement is not known (404).</summary>
    NotFound = 1,

    /// <summary>No policy is in force for the person's region on the settlement date (422).</summary>
    NoPolicy = 2,

    /// <summary>The request conflicts with recorded state, e.g. a year no longer held (409).</summary>
    Conflict = 3,

    /// <summary>The ledger cannot accept work now (event backlog, storage down); retry later (503).</summary>
    Unavailable = 4,

    /// <summary>
    /// Routing only, never answered: the household asked to record a person's settlement does not (or
    /// no longer) hold that person; the caller asks the person grain for its household.
    /// </summary>
    NotAMember = 5,

    /// <summary>Well formed, but its amounts do not fit what the ledger computes for it, e.g. oth_pay above what is left (422).</summary>
    Unprocessable = 6,
}

/// <summary>One field at fault and why (national field name where there is one).</summary>
[GenerateSerializer, Immutable, Alias("ledger.field-reason")]
public readonly record struct FieldReason([property: Id(0)] string Field, [property: Id(1)] string Reason);

/// <summary>
/// A typed refusal naming the field at fault (national field name where there is one), and, when a
/// request has more than one bad field, the others (<see cref="Others"/>): a feed fixes its message
/// once, not once per field.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.rejection")]
public sealed record Rejection(
    [property: Id(0)] RejectionCode Code,
    [property: Id(1)] string Field,
    [property: Id(2)] string Reason,
    [property: Id(3)] FieldReason[]? Others = null)
{
    /// <summary>Every field at fault, the first one first.</summary>
    public IEnumerable<FieldReason> Fields() => Others is null ? [new(Field, Reason)] : [new(Field, Reason), .. Others];

    /// <summary>A 400 naming every field of <paramref name="problems"/> (at least one).</summary>
    public static Rejection Invalid(IReadOnlyList<FieldReason> problems) =>
        new(RejectionCode.Invalid, problems[0].Field, problems[0].Reason, problems.Count > 1 ? [.. problems.Skip(1)] : null);
}

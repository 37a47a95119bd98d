namespace Ledger.Grains;

/// <summary>
/// Every bound the grains keep, named so tests can check how they relate. Grain state is rewritten
/// whole on every write, so each of these also bounds the cost of a write.
/// </summary>
public static class Limits
{
    /// <summary>Members one household ledger holds.</summary>
    public const int MembersMax = 32;

    /// <summary>Years each member and household keeps: this one and the last (late settlements, reversals).</summary>
    public const int YearsRetainedMax = 2;

    /// <summary>Settlements kept with their full split so they can still be reversed or answered as duplicates.</summary>
    public const int ReversibleSettlementsMax = 32;

    /// <summary>Older settlement ids kept as 8-byte fingerprints, so a late retry is still a duplicate.</summary>
    public const int SeenIdsMax = 256;

    /// <summary>Events waiting to be published; beyond this the household refuses work until publishing recovers.</summary>
    public const int OutboxMax = 256;

    /// <summary>Identity periods per person.</summary>
    public const int IdentitiesMax = 32;

    /// <summary>Length of ids (setl_id, psn_no, household_id, mdtrt_id).</summary>
    public const int IdLengthMax = 64;

    /// <summary>Monitoring entries one region grain lists.</summary>
    public const int MonitoringEntriesMax = 100_000;

    /// <summary>Settlements before 2015 predate every policy here; far-future dates are typos.</summary>
    public static readonly DateOnly SettlementDateMin = new(2015, 1, 1);

    public static readonly TimeSpan SettlementFutureToleranceMax = TimeSpan.FromDays(1);
}

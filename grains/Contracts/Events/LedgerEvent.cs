namespace Ledger.Contracts.Events;

/// <summary>The event kinds of DESIGN §5.</summary>
public static class EventKinds
{
    public const string SettlementRecorded = "settlement_recorded";
    public const string SettlementReversed = "settlement_reversed";
    public const string SettlementAdjusted = "settlement_adjusted";
    public const string ThresholdWarning = "threshold_warning";
    public const string ThresholdCrossed = "threshold_crossed";
    public const string ThresholdCleared = "threshold_cleared";
    public const string CapApplied = "cap_applied";
    public const string IdentityChanged = "identity_changed";

    /// <summary>A person moved into the household named (a journal entry of kind member_moved; it moves no money).</summary>
    public const string MemberMoved = "member_moved";

    /// <summary>The household named journaled its departure of the person (a journal entry of kind member_left; it moves no money).</summary>
    public const string MemberLeft = "member_left";

    /// <summary>
    /// What goes out live to caseworkers: warnings, crossings, clearings, capping, identity changes, moves, and
    /// re-adjudications that change what assistance, the floor or the warm fund owes (补差). Every
    /// settlement is in the journal, the history and the reports, but pushing each one to every watcher
    /// would cost more than the settlement itself at feed rates and bury the warnings.
    /// </summary>
    public static bool IsWatched(LedgerEvent ledgerEvent) => ledgerEvent.Kind switch
    {
        SettlementRecorded or SettlementReversed => false,
        SettlementAdjusted => ledgerEvent.Amounts is { } change && (change.MafPay != 0m || change.FloorPay != 0m || change.WarmFundPay != 0m),
        _ => true,
    };
}

/// <summary>
/// The Orleans stream provider the silos' journal fan-out publishes committed entries on (one stream,
/// Ledger.Grains.Journal.JournalFanOut's); clients that listen register the same provider.
/// </summary>
public static class EventStreams
{
    public const string ProviderName = "ledger";
}

/// <summary>
/// One ledger event, derived from a journal entry: <see cref="EventId"/> is "{journal position}-{index}",
/// unique whatever the ids a feed sends, and the same wherever the event is read (an answer, the
/// stream, a replay).
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.event")]
public sealed record LedgerEvent
{
    [Id(0)] public string EventId { get; init; } = "";
    [Id(1)] public string Kind { get; init; } = "";
    [Id(2)] public string? Rule { get; init; }
    [Id(3)] public string? Level { get; init; }
    [Id(4)] public string SubjectType { get; init; } = "person";
    [Id(5)] public string SubjectId { get; init; } = "";
    [Id(6)] public string HouseholdId { get; init; } = "";
    [Id(7)] public string RegionCode { get; init; } = "";
    [Id(8)] public int Year { get; init; }
    [Id(9)] public decimal Value { get; init; }
    [Id(10)] public decimal Threshold { get; init; }
    [Id(11)] public string? SetlId { get; init; }
    /// <summary>When the ledger learned it (the journal entry's time).</summary>
    [Id(12)] public DateTimeOffset LoggedAt { get; init; }

    /// <summary>For settlement events: the split (signed changes for reversals and adjustments).</summary>
    [Id(13)] public Settlements.SplitAmounts? Amounts { get; init; }

    /// <summary>The subject's identity codes on the settlement date (KPIs are per eligible group).</summary>
    [Id(14)] public IReadOnlyList<string> Identities { get; init; } = [];

    /// <summary>When the money moved: the time of the settlement at which this happened. Reports go by it.</summary>
    [Id(15)] public DateTimeOffset? SetlTime { get; init; }

    /// <summary>For settlement_adjusted: reversal, late_settlement, identity_change or member_moved.</summary>
    [Id(16)] public string? Cause { get; init; }

    /// <summary>For settlement_adjusted: the setl_id or psn_no that caused it.</summary>
    [Id(17)] public string? CauseId { get; init; }

    /// <summary>
    /// For settlement_adjusted: the part of the settlement's reported oth_pay its new split could not book
    /// (the re-adjudicated tiers left less; it stands at what was left). Null when all of it was booked.
    /// </summary>
    [Id(18)] public decimal? OthPayUnbooked { get; init; }
}

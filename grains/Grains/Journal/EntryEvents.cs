using Ledger.Contracts.Events;
using Ledger.Contracts.Settlements;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Households;

namespace Ledger.Grains.Journal;

/// <summary>
/// The events a journal entry stands for, in order: the entry itself (settlement_recorded, _reversed,
/// _adjusted, identity_changed, member_moved or member_left), then the caps that bound and the threshold levels that changed.
/// Ids are "{position}-{index}": the same wherever the entry is read, and unique whatever a feed's ids.
/// </summary>
public static class EntryEvents
{
    public static List<LedgerEvent> Of(JournalEntry entry)
    {
        var identities = IdentityCodes.ToCodes(entry.Context.Identities);
        var events = new List<LedgerEvent>(1 + entry.Events.Count)
        {
            new()
            {
                EventId = Id(entry, 0), Kind = KindOf(entry.Kind), SubjectType = "person", SubjectId = entry.PsnNo,
                HouseholdId = entry.HouseholdId, RegionCode = entry.RegionCode, Year = entry.Year,
                Value = entry.Change.Totals.SelfPay, SetlId = entry.IsSettlement ? entry.SetlId : null,
                SetlTime = entry.SetlTime, LoggedAt = entry.LoggedAt,
                Amounts = entry.IsSettlement ? Amounts(entry.Change.Totals) : null, Identities = identities,
                Cause = entry.Kind == EntryKind.Adjusted ? CauseCode(entry.Cause) : null,
                CauseId = entry.Kind == EntryKind.Adjusted ? entry.CauseId : null,
                OthPayUnbooked = Unbooked(entry),
            },
        };
        foreach (var fired in entry.Events)
        {
            events.Add(new LedgerEvent
            {
                EventId = Id(entry, events.Count), Kind = fired.Kind == EntryEventKind.CapApplied ? EventKinds.CapApplied
                    : RuleCodes.ToCode((ThresholdChangeKind)fired.Kind),
                Rule = RuleCodes.ToCode(fired.Rule), Level = fired.Kind == EntryEventKind.CapApplied ? null : RuleCodes.ToCode(fired.Level),
                SubjectType = fired.HouseholdSubject ? "household" : "person", SubjectId = fired.SubjectId,
                HouseholdId = entry.HouseholdId, RegionCode = entry.RegionCode, Year = ChinaTime.Date(fired.At.SetlTime).Year,
                Value = fired.Value, Threshold = fired.Threshold, SetlId = fired.At.SetlId.Length > 0 ? fired.At.SetlId : null,
                SetlTime = fired.At.SetlTime, LoggedAt = entry.LoggedAt, Identities = identities,
            });
        }
        return events;
    }

    public static string Id(JournalEntry entry, int index) => $"{entry.Position}-{index}";

    /// <summary>Reads "{position}-{index}"; false for anything else.</summary>
    public static bool TryParseId(string? eventId, out long position, out int index)
    {
        position = 0;
        index = 0;
        var dash = eventId?.IndexOf('-') ?? -1;
        return dash > 0 && long.TryParse(eventId!.AsSpan(0, dash), out position) && int.TryParse(eventId.AsSpan(dash + 1), out index)
            && position > 0 && index >= 0;
    }

    public static string KindOf(EntryKind kind) => kind switch
    {
        EntryKind.Recorded => EventKinds.SettlementRecorded,
        EntryKind.Reversed => EventKinds.SettlementReversed,
        EntryKind.Adjusted => EventKinds.SettlementAdjusted,
        EntryKind.Moved => EventKinds.MemberMoved,
        EntryKind.Departed => EventKinds.MemberLeft,
        _ => EventKinds.IdentityChanged,
    };

    public static string? CauseCode(AdjustmentCause cause) => cause switch
    {
        AdjustmentCause.Reversal => "reversal",
        AdjustmentCause.LateSettlement => "late_settlement",
        AdjustmentCause.IdentityChange => "identity_change",
        AdjustmentCause.MemberMoved => "member_moved",
        _ => null,
    };

    public static SplitAmounts Amounts(in YearTotals totals) => WireAmounts.Split(totals);

    public static AdjustmentView Adjustment(JournalEntry entry) =>
        new(entry.SetlId, entry.PsnNo, CauseCode(entry.Cause) ?? "", entry.CauseId, Amounts(entry.Change.Totals), Unbooked(entry));

    private static decimal? Unbooked(JournalEntry entry) =>
        entry.Kind == EntryKind.Adjusted && entry.OtherPaidUnbooked > 0m ? entry.OtherPaidUnbooked : null;
}

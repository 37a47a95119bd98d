using Ledger.Contracts.Households;
using Ledger.Contracts.Settlements;
using Ledger.Grains.Events;
using Ledger.Grains.Settlements;
using Ledger.Policy.Engine;
using Ledger.Policy.Loading;
using Microsoft.Extensions.Logging;

namespace Ledger.Grains.Households;

/// <summary>
/// The single writer of money for a household's members. Not reentrant: settlements of one household
/// run one at a time, each ending in exactly one state write (totals, idempotency record and outbox
/// together), after which the outbox is published.
/// </summary>
public sealed partial class HouseholdGrain(
    [PersistentState("household", "ledger")] IPersistentState<HouseholdState> store,
    PolicyCatalogue catalogue,
    IEventPublisher publisher,
    LedgerClock clock,
    LedgerMetrics metrics,
    ILogger<HouseholdGrain> logger) : Grain, IHouseholdGrain
{
    private string HouseholdId => this.GetPrimaryKeyString();

    private HouseholdState State => store.State;

    public Task<SettlementResult> RecordFor(string psnNo, SettlementRequest settlement) =>
        State.Members.TryGetValue(psnNo, out var member)
            ? Record(member.Snapshot, settlement with { PsnNo = psnNo })
            : Task.FromResult(SettlementResult.Rejected(settlement.SetlId,
                new Rejection(RejectionCode.NotAMember, "psn_no", $"not a member of household {HouseholdId}")));

    public async Task<SettlementResult> Record(MemberSnapshot member, SettlementRequest settlement)
    {
        if (SettledIds.Find(State, settlement.SetlId) is { } seen)
        {
            return Answer(seen, SettlementStatus.Duplicate, []);
        }
        if (SettledIds.SeenLongAgo(State, settlement.SetlId))
        {
            return new SettlementResult { SetlId = settlement.SetlId, Status = SettlementStatus.Duplicate, PsnNo = member.PsnNo, HouseholdId = HouseholdId };
        }
        var now = clock.Now;
        var rejection = SettlementInput.TryParse(settlement, now, out var claim) ?? Admissible(member, claim.Date);
        if (rejection is not null)
        {
            LogRejected(logger, settlement.SetlId, rejection.Field, rejection.Reason);
            metrics.Rejected();
            return SettlementResult.Rejected(settlement.SetlId, rejection);
        }
        var policy = catalogue.Find(member.RegionCode, claim.Date)!;
        var (record, events) = Apply(member, claim, policy, settlement.SetlId, now);
        await WriteThenPublish(events);
        metrics.Recorded(events);
        return Answer(record, SettlementStatus.Recorded, events);
    }

    public async Task<SettlementResult> Reverse(string psnNo, string setlId)
    {
        var record = SettledIds.Find(State, setlId);
        if (record is null || record.PsnNo != psnNo)
        {
            var longAgo = record is null && SettledIds.SeenLongAgo(State, setlId);
            return SettlementResult.Rejected(setlId, longAgo
                ? new Rejection(RejectionCode.Conflict, "setl_id", $"is older than the last {Limits.ReversibleSettlementsMax} settlements of the household and can no longer be reversed")
                : new Rejection(RejectionCode.NotFound, "setl_id", "no recorded settlement of this person has this id"));
        }
        if (record.Reversed)
        {
            return Answer(record, SettlementStatus.Duplicate, []);
        }
        if (!State.Years.Contains(record.Year) || catalogue.Find(record.RegionCode, record.Date) is not { } policy)
        {
            return SettlementResult.Rejected(setlId, new Rejection(RejectionCode.Conflict, "setl_id", $"year {record.Year} is closed"));
        }
        var events = ApplyReversal(record, policy, clock.Now);
        await WriteThenPublish(events);
        metrics.Reversed(events);
        return Answer(record, SettlementStatus.Reversed, events);
    }

    private Rejection? Admissible(MemberSnapshot member, DateOnly date)
    {
        if (!State.Members.ContainsKey(member.PsnNo) && State.Members.Count >= Limits.MembersMax)
        {
            return new Rejection(RejectionCode.Conflict, "household_id", $"the household already has {Limits.MembersMax} members");
        }
        if (OtherRegion(member) is { } otherRegion)
        {
            return otherRegion;
        }
        var newestYear = Math.Max(State.Years.NewerYear, date.Year);
        if (date.Year <= newestYear - Limits.YearsRetainedMax)
        {
            return new Rejection(RejectionCode.Conflict, "setl_time", $"year {date.Year} is closed: the ledger keeps {Limits.YearsRetainedMax} years");
        }
        if (catalogue.Find(member.RegionCode, date) is null)
        {
            return new Rejection(RejectionCode.NoPolicy, "setl_time", $"no policy is in force for region {member.RegionCode} on {date:yyyy-MM-dd}");
        }
        return State.Outbox.Count + Thresholds.ChangesMax + 2 > Limits.OutboxMax
            ? new Rejection(RejectionCode.Unavailable, "setl_id", "the household's events are not being published; retry later")
            : null;
    }

    private SettlementResult Answer(SettlementRecord record, string status, IReadOnlyList<Contracts.Events.LedgerEvent> events) => new()
    {
        SetlId = record.SetlId,
        Status = status,
        PsnNo = record.PsnNo,
        HouseholdId = HouseholdId,
        Year = record.Year,
        PolicyId = record.PolicyId,
        Amounts = LedgerEvents.Amounts(record.Split),
        Events = status == SettlementStatus.Duplicate ? [] : events,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement {SetlId} rejected: {Field} {Reason}")]
    private static partial void LogRejected(ILogger logger, string setlId, string field, string reason);
}

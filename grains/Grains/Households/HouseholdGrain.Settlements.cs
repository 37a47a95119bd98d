using Ledger.Contracts.Settlements;
using Ledger.Grains.Journal;
using Ledger.Grains.Settlements;
using Ledger.Policy.Households;
using Microsoft.Extensions.Logging;

namespace Ledger.Grains.Households;

/// <summary>Settlements and reversals: exactly once by setl_id, in settlement-time order.</summary>
public sealed partial class HouseholdGrain
{
    public Task<SettlementResult> RecordFor(string psnNo, SettlementRequest settlement) => Fenced(() => Record(psnNo, settlement));

    public Task<SettlementResult> Reverse(string psnNo, string setlId) => Fenced(() => PlanReversal(psnNo, setlId));

    private async Task<SettlementResult> Record(string psnNo, SettlementRequest settlement)
    {
        if (!_ledger.Members.ContainsKey(psnNo))
        {
            return SettlementResult.Rejected(settlement.SetlId,
                new Rejection(RejectionCode.NotAMember, "psn_no", $"not a member of household {HouseholdId}"));
        }
        var now = clock.GetUtcNow();
        if (SettlementInput.TryParse(settlement with { PsnNo = psnNo }, now, out var claim) is { } invalid)
        {
            return Rejected(settlement.SetlId, invalid);
        }
        var key = new SettlementKey(settlement.SetlTime, settlement.SetlId);
        var plan = await _ledger.PlanSettlementAsync(psnNo, key, claim, Policies, History, now);
        if (plan.Refusal is { Kind: RefusalKind.Conflict, Field: "setl_time" } closed)
        {
            // A closed year's settlement may still be a resend of one the journal holds.
            return await journal.FindSettlement(key.SetlId, EntryKind.Recorded) is { } old && old.PsnNo == psnNo
                ? Answer([old], SettlementStatus.Duplicate)
                : Rejected(key.SetlId, Rejections.Of(closed));
        }
        if (plan.Refusal is { Kind: RefusalKind.NoPolicy } && !catalogue.TryFind(_ledger.RegionCode, claim.Date, out _, out var why))
        {
            // The catalogue says why: no policy for the region then, or a year without its 上年 figure.
            return Rejected(key.SetlId, new Rejection(RejectionCode.NoPolicy, "setl_time", why));
        }
        if (plan.Refusal is { } refusal)
        {
            return Rejected(key.SetlId, Rejections.Of(refusal));
        }
        if (plan.Duplicate is { } seen)
        {
            return Answer([seen], SettlementStatus.Duplicate);
        }
        var outcome = await Commit(JournalAppend.Of(plan.Entries));
        if (outcome.Conflicted)
        {
            return await Resent(key.SetlId, psnNo, EntryKind.Recorded, outcome.Conflict);
        }
        Fold(outcome.Committed);
        metrics.Settled(SettlementStatus.Recorded);
        return Answer(outcome.Committed, SettlementStatus.Recorded);
    }

    private async Task<SettlementResult> PlanReversal(string psnNo, string setlId)
    {
        if (!_ledger.Members.ContainsKey(psnNo))
        {
            return SettlementResult.Rejected(setlId, new Rejection(RejectionCode.NotAMember, "psn_no", $"not a member of household {HouseholdId}"));
        }
        if (await journal.FindSettlement(setlId, EntryKind.Recorded) is not { } recorded || recorded.PsnNo != psnNo)
        {
            return SettlementResult.Rejected(setlId, new Rejection(RejectionCode.NotFound, "setl_id", "no recorded settlement of this person has this id"));
        }
        var plan = await _ledger.PlanReversalAsync(psnNo, setlId, recorded.Year, Policies, History, clock.GetUtcNow());
        if (plan.Refusal is { } refusal)
        {
            return SettlementResult.Rejected(setlId, Rejections.Of(refusal));
        }
        if (plan.Duplicate is { } done)
        {
            return Answer([done], SettlementStatus.Duplicate);
        }
        var outcome = await Commit(JournalAppend.Of(plan.Entries));
        if (outcome.Conflicted)
        {
            return await Resent(setlId, psnNo, EntryKind.Reversed, outcome.Conflict);
        }
        Fold(outcome.Committed);
        metrics.Settled(SettlementStatus.Reversed);
        return Answer(outcome.Committed, SettlementStatus.Reversed);
    }

    /// <summary>
    /// The journal already holds this setl_id: the same person's resend is answered with the first
    /// answer and changes nothing; another person's is a conflict.
    /// </summary>
    private async Task<SettlementResult> Resent(string setlId, string psnNo, EntryKind kind, JournalEntry? existing)
    {
        existing ??= await journal.FindSettlement(setlId, kind);
        if (existing is not null && existing.PsnNo == psnNo)
        {
            metrics.Settled(SettlementStatus.Duplicate);
            return Answer([existing], SettlementStatus.Duplicate);
        }
        return Rejected(setlId, new Rejection(RejectionCode.Conflict, "setl_id", "is already recorded for another person"));
    }

    private SettlementResult Rejected(string setlId, Rejection rejection)
    {
        LogRejected(logger, rejection.Field, rejection.Reason);
        metrics.Settled(SettlementStatus.Rejected);
        return SettlementResult.Rejected(setlId, rejection);
    }

    /// <summary>
    /// The answer: the primary entry's amounts (for a reversal, what it took back), every event of every
    /// committed entry, and the adjustments. A duplicate carries the first answer's amounts and household
    /// (the one that journaled it, which a member who moved since no longer is in) and no events.
    /// </summary>
    private SettlementResult Answer(IReadOnlyList<JournalEntry> entries, string status)
    {
        var primary = entries[0];
        var change = primary.Kind == EntryKind.Reversed ? primary.Change.Negated() : primary.Change;
        return new SettlementResult
        {
            SetlId = primary.SetlId,
            Status = status,
            PsnNo = primary.PsnNo,
            HouseholdId = primary.HouseholdId,
            Year = primary.Year,
            PolicyId = primary.PolicyId,
            SetlTime = primary.SetlTime,
            Amounts = EntryEvents.Amounts(change.Totals),
            Events = status == SettlementStatus.Duplicate ? [] : [.. entries.SelectMany(EntryEvents.Of)],
            Adjustments = [.. entries.Where(entry => entry.Kind == EntryKind.Adjusted).Select(EntryEvents.Adjustment)],
        };
    }

    // Ids and reasons only: a rejected line's other fields may hold personal data.
    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement rejected: {Field} {Reason}")]
    private static partial void LogRejected(ILogger logger, string field, string reason);
}

using Ledger.Contracts.Events;
using Ledger.Contracts.Settlements;
using Ledger.Policy.Domain;
using Ledger.Policy.Engine;
using Ledger.Policy.Model;

namespace Ledger.Grains.Households;

/// <summary>
/// Builds the events of one settlement or reversal, in order: the settlement event, the cap that
/// bound, then the threshold changes. Ids are "{household}/{setl_id}/{n}" (reversals: ".../r{n}"), so
/// the same state change always yields the same ids.
/// </summary>
internal sealed class LedgerEvents(string householdId, SettlementRecord record, DateTimeOffset now)
{
    private readonly List<LedgerEvent> _events = [];

    public static SplitAmounts Amounts(in Split split) => new(split.Total, split.PolicyScope, split.Basic, split.Critical,
        split.Assistance, split.Floor, split.Supplementary, split.WarmFund, split.SelfPay);

    public List<LedgerEvent> Recorded(PolicyVersion policy, ReadOnlySpan<ThresholdChange> changes)
    {
        Add(EventKinds.SettlementRecorded, null, null, record.PsnNo, "person", record.Split.SelfPay, 0m, "", withAmounts: true);
        if (record.Split.CapBinding != CapBinding.None && policy.BurdenCap is { } cap)
        {
            var household = record.Split.CapBinding == CapBinding.Household;
            Add(EventKinds.CapApplied, household ? "household_cap" : "individual_cap", null,
                household ? householdId : record.PsnNo, household ? "household" : "person",
                record.Split.WarmFund, household ? cap.HouseholdCap : cap.IndividualCap, "");
        }
        AddChanges(changes, "");
        return _events;
    }

    public List<LedgerEvent> Reversed(ReadOnlySpan<ThresholdChange> changes)
    {
        Add(EventKinds.SettlementReversed, null, null, record.PsnNo, "person", record.Split.SelfPay, 0m, "r", withAmounts: true);
        AddChanges(changes, "r");
        return _events;
    }

    private void AddChanges(ReadOnlySpan<ThresholdChange> changes, string prefix)
    {
        foreach (var change in changes)
        {
            var household = change.IsHouseholdSubject;
            Add(RuleCodes.ToCode(change.Kind), RuleCodes.ToCode(change.Rule), RuleCodes.ToCode(change.Level),
                household ? householdId : record.PsnNo, household ? "household" : "person", change.Value, change.Threshold, prefix);
        }
    }

    private void Add(string kind, string? rule, string? level, string subjectId, string subjectType,
        decimal value, decimal threshold, string prefix, bool withAmounts = false)
    {
        _events.Add(new LedgerEvent
        {
            EventId = $"{householdId}/{record.SetlId}/{prefix}{_events.Count}",
            Kind = kind,
            Rule = rule,
            Level = level,
            SubjectType = subjectType,
            SubjectId = subjectId,
            HouseholdId = householdId,
            RegionCode = record.RegionCode,
            Year = record.Year,
            Value = value,
            Threshold = threshold,
            SetlId = record.SetlId,
            OccurredAt = now,
            Amounts = withAmounts ? Amounts(record.Split) : null,
            Identities = [.. IdentityCodes.ToCodes(record.Member.Identities)],
        });
    }
}

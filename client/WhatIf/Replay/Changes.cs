using Ledger.Policy.Domain;
using Ledger.Policy.Engine;

namespace Ledger.Client.WhatIf.Replay;

/// <summary>One settlement of a person whose year changed: its split before and after.</summary>
public sealed record SettlementChange(string SetlId, DateTimeOffset SetlTime, MedicalType MedicalType, int HospitalLevel, SettlementOutcome Before, SettlementOutcome After);

/// <summary>A person's year under both policies, with every settlement behind it.</summary>
public sealed record PersonChange(string PsnNo, string HouseholdId, string RegionCode, YearTotals Before, YearTotals After, IReadOnlyList<SettlementChange> Settlements)
{
    public decimal SelfPayChange => After.SelfPay - Before.SelfPay;

    /// <summary>Largest change first; equal changes by psn_no, so the list is the same whatever order households ran in.</summary>
    public static int ByLargestChange(PersonChange a, PersonChange b)
    {
        var bySize = Math.Abs(b.SelfPayChange).CompareTo(Math.Abs(a.SelfPayChange));
        return bySize != 0 ? bySize : string.CompareOrdinal(a.PsnNo, b.PsnNo);
    }
}

/// <summary>
/// A subject (person or household) whose level of a rule differs between the runs: the rule's value
/// and threshold at year end under each policy (null where that policy does not have the rule).
/// </summary>
public sealed record CrossingChange(string SubjectId, string RegionCode, RuleReading? Before, RuleReading? After);

/// <summary>One monitoring rule: how many subjects are over its line at year end under each policy, and who moved.</summary>
public sealed class RuleTally(Rule rule)
{
    public Rule Rule { get; } = rule;

    public bool HouseholdSubject => RuleCodes.IsHouseholdRule(Rule);

    public long Before { get; set; }

    public long After { get; set; }

    public List<CrossingChange> Newly { get; } = [];

    public List<CrossingChange> NoLonger { get; } = [];

    public void Add(RuleTally other)
    {
        Before += other.Before;
        After += other.After;
        Newly.AddRange(other.Newly);
        NoLonger.AddRange(other.NoLonger);
    }

    public void Sort()
    {
        Newly.Sort((a, b) => string.CompareOrdinal(a.SubjectId, b.SubjectId));
        NoLonger.Sort((a, b) => string.CompareOrdinal(a.SubjectId, b.SubjectId));
    }
}

using Ledger.Policy.Model;

namespace Ledger.Policy.Engine;

/// <summary>
/// The whole engine step for one settlement or reversal: split, apply to the person's and the
/// household's year, evaluate the monitoring rules. The caller (the household grain) keeps the state
/// and writes it once; here it only changes the values it is handed.
/// </summary>
public static class SettlementEngine
{
    /// <summary>Records a settlement; returns its split and writes the threshold changes it caused.</summary>
    public static Split Record(
        PolicyVersion policy, in Claim claim, in MemberContext member,
        ref PersonYear person, ref HouseholdYear household, Span<ThresholdChange> changes, out int changeCount)
    {
        var split = Waterfall.Split(policy, claim, member, person, household);
        person.Apply(split, 1);
        household.Apply(split, 1);
        changeCount = Thresholds.Evaluate(policy, member, split.SelfPay, ref person, ref household, changes);
        AssertInvariants(person, household);
        return split;
    }

    /// <summary>
    /// Takes a recorded split back exactly (a correcting entry), then re-evaluates the rules with the
    /// member context of the original settlement, so levels the value fell under are cleared.
    /// </summary>
    public static int Reverse(
        PolicyVersion policy, in Split split, in MemberContext member,
        ref PersonYear person, ref HouseholdYear household, Span<ThresholdChange> changes)
    {
        person.Apply(split, -1);
        household.Apply(split, -1);
        var count = Thresholds.Evaluate(policy, member, split.SelfPay, ref person, ref household, changes);
        AssertInvariants(person, household);
        return count;
    }

    private static void AssertInvariants(in PersonYear person, in HouseholdYear household)
    {
        person.Totals.AssertInvariants("person");
        household.Totals.AssertInvariants("household");
        if (person.CriticalBase < 0m || person.HighCostCount < 0 || person.InpatientDeductiblePaid < 0m)
        {
            throw new InvalidOperationException($"Person counters went negative: {person}");
        }
    }
}

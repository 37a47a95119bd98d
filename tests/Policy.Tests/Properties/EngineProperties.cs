using FsCheck.Xunit;
using Ledger.Policy.Engine;

namespace Ledger.Policy.Tests.Properties;

/// <summary>Properties over random settlement sequences for every shipped policy.</summary>
public sealed class EngineProperties
{
    private const int Runs = 300;

    [Property(MaxTest = Runs)]
    public void Every_split_conserves_money_to_the_fen_and_pays_nothing_negative(int seed)
    {
        Replay(Scenario.From(seed), (_, split, _, _) =>
        {
            decimal[] parts = [split.Basic, split.Critical, split.Assistance, split.Floor, split.Supplementary, split.WarmFund, split.SelfPay];
            Assert.Equal(split.Total, parts.Sum());
            Assert.All(parts, part => Assert.True(part >= 0m && decimal.Round(part, 2) == part, $"seed {seed}: bad part {part} in {split}"));
        });
    }

    [Property(MaxTest = Runs)]
    public void Year_totals_are_the_sums_of_the_recorded_splits(int seed)
    {
        var scenario = Scenario.From(seed);
        var splits = new List<Split>();
        var (people, household) = Replay(scenario, (_, split, _, _) => splits.Add(split));
        Assert.Equal(splits.Sum(split => split.Total), household.Totals.Total);
        Assert.Equal(splits.Sum(split => split.SelfPay), household.Totals.SelfPay);
        Assert.Equal(splits.Sum(split => split.FundPay), household.Totals.FundPay);
        Assert.Equal(household.Totals.SelfPay, people.Sum(person => person.Totals.SelfPay));
    }

    [Property(MaxTest = Runs)]
    public void Caps_and_limits_are_never_exceeded(int seed)
    {
        var scenario = Scenario.From(seed);
        var policy = scenario.Policy;
        Replay(scenario, (member, split, person, household) =>
        {
            if (policy.Assistance?.AnnualLimit is { } limit)
            {
                Assert.True(person.Totals.Assistance <= limit, $"seed {seed}: assistance {person.Totals.Assistance} over {limit}");
            }
            if (policy.BurdenCap is { } cap && cap.Eligible.Holds(member) && split.SelfPay > 0m)
            {
                // Whatever the warm fund could pay it paid: a settlement leaves no burden above a cap.
                Assert.True(person.Totals.SelfPay <= cap.IndividualCap && household.Totals.SelfPay <= cap.HouseholdCap,
                    $"seed {seed}: burden {person.Totals.SelfPay}/{household.Totals.SelfPay} over caps after {split}");
            }
        });
    }

    [Property(MaxTest = Runs)]
    public void Reversals_take_back_exactly_what_settlements_added_down_to_the_empty_year(int seed)
    {
        var scenario = Scenario.From(seed);
        var recorded = new List<(int Member, Split Split)>();
        var people = new PersonYear[scenario.Members.Length];
        var household = new HouseholdYear();
        var changes = new ThresholdChange[Thresholds.ChangesMax];
        foreach (var (member, claim) in scenario.Claims)
        {
            var before = (people[member], household);
            var split = SettlementEngine.Record(scenario.Policy, claim, scenario.Members[member], ref people[member], ref household, changes, out _);
            recorded.Add((member, split));
            var (person, afterHousehold) = (people[member], household);
            SettlementEngine.Reverse(scenario.Policy, split, scenario.Members[member], ref person, ref afterHousehold, changes);
            // Money and counters come back exactly. Flags follow the values: a household rule first
            // evaluated by this settlement may stay crossed if the household was already over it.
            Assert.Equal((before.Item1.Totals, before.Item1.CriticalBase, before.Item1.HighCostCount, before.Item1.InpatientDeductiblePaid, before.household.Totals),
                (person.Totals, person.CriticalBase, person.HighCostCount, person.InpatientDeductiblePaid, afterHousehold.Totals));
        }
        for (var i = recorded.Count - 1; i >= 0; i--)
        {
            var (member, split) = recorded[i];
            SettlementEngine.Reverse(scenario.Policy, split, scenario.Members[member], ref people[member], ref household, changes);
        }
        Assert.All(people, person => Assert.Equal(new PersonYear(), person));
        Assert.Equal(new HouseholdYear(), household);
    }

    [Property(MaxTest = Runs)]
    public void More_cost_never_means_less_self_pay(int seed, byte extraFen)
    {
        var scenario = Scenario.From(seed);
        var (member, claim) = scenario.Claims[0];
        var context = scenario.Members[member];
        var extra = 1m + extraFen;
        var more = claim with { Total = claim.Total + extra, FullOwnPay = claim.FullOwnPay + extra };
        var base0 = Waterfall.Split(scenario.Policy, claim, context, new PersonYear(), new HouseholdYear()).SelfPay;

        Assert.True(Waterfall.Split(scenario.Policy, more, context, new PersonYear(), new HouseholdYear()).SelfPay >= base0, $"seed {seed}");
        if (!claim.IsPreAdjudicated)
        {
            var wider = claim with { Total = claim.Total + extra, PolicyScope = claim.PolicyScope + extra };
            Assert.True(Waterfall.Split(scenario.Policy, wider, context, new PersonYear(), new HouseholdYear()).SelfPay >= base0, $"seed {seed}");
        }
    }

    [Property(MaxTest = Runs)]
    public void A_level_fires_at_most_once_until_it_is_cleared(int seed)
    {
        var scenario = Scenario.From(seed);
        var open = new HashSet<(bool Household, int Member, Rule Rule, Level Level)>();
        var people = new PersonYear[scenario.Members.Length];
        var household = new HouseholdYear();
        var changes = new ThresholdChange[Thresholds.ChangesMax];
        foreach (var (member, claim) in scenario.Claims)
        {
            SettlementEngine.Record(scenario.Policy, claim, scenario.Members[member], ref people[member], ref household, changes, out var count);
            foreach (var change in changes.AsSpan(0, count))
            {
                var key = (change.IsHouseholdSubject, change.IsHouseholdSubject ? -1 : member, change.Rule, change.Level);
                Assert.True(change.Kind == ThresholdChangeKind.Cleared ? open.Remove(key) : open.Add(key), $"seed {seed}: {change} out of turn");
            }
        }
    }

    private static (PersonYear[] People, HouseholdYear Household) Replay(Scenario scenario, Action<MemberContext, Split, PersonYear, HouseholdYear> check)
    {
        var people = new PersonYear[scenario.Members.Length];
        var household = new HouseholdYear();
        var changes = new ThresholdChange[Thresholds.ChangesMax];
        foreach (var (member, claim) in scenario.Claims)
        {
            var split = SettlementEngine.Record(scenario.Policy, claim, scenario.Members[member], ref people[member], ref household, changes, out _);
            check(scenario.Members[member], split, people[member], household);
        }
        return (people, household);
    }
}

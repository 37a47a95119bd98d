using FsCheck.Xunit;
using Ledger.Policy.Households;
using Ledger.Policy.Tests.Properties;

namespace Ledger.Policy.Tests.Households;

/// <summary>The what-if's journal-free path must leave the ledger exactly as planning and committing each entry does.</summary>
public sealed class InOrderProperties
{
    [Property(MaxTest = 400)]
    public void Recording_in_order_without_a_journal_ends_as_planning_and_committing_each_settlement(int seed)
    {
        var scenario = HistoryScenario.From(seed);
        var settlements = scenario.Steps.OfType<HistoryStep.Settle>().DistinctBy(step => step.Key.SetlId).OrderBy(step => step.Key).ToList();
        var journaled = new LedgerBook("H", Scenario.Catalogue);
        var inOrder = HouseholdLedger.Of("H", scenario.Members);
        foreach (var profile in scenario.Members)
        {
            Assert.Null(journaled.Register(profile).GetAwaiter().GetResult().Refusal);
        }

        foreach (var settlement in settlements)
        {
            var plan = journaled.Settle(settlement.PsnNo, settlement.Key, settlement.Dated).GetAwaiter().GetResult();
            var outcome = inOrder.RecordInOrder(settlement.PsnNo, settlement.Key, settlement.Dated, journaled.Policies);

            Assert.Equal(plan.Refusal, outcome.Refusal);
            if (plan.Entries is [var entry])
            {
                Assert.Equal((entry.Change, entry.Context, entry.CapBinding), (outcome.Change, outcome.Context, outcome.CapBinding));
            }
        }

        foreach (var (psnNo, member) in journaled.Ledger.Members)
        {
            var (expected, actual) = (member.Years.Get(scenario.Year), inOrder.Members[psnNo].Years.Get(scenario.Year));
            Assert.True(expected == actual, $"seed {seed}: {psnNo} is {actual} in order, {expected} journaled");
        }
        Assert.True(journaled.Ledger.Years.Get(scenario.Year) == inOrder.Years.Get(scenario.Year),
            $"seed {seed}: household is {inOrder.Years.Get(scenario.Year)} in order, {journaled.Ledger.Years.Get(scenario.Year)} journaled");
    }
}

using Ledger.Contracts.Settlements;
using Ledger.Silo.Routing;

namespace Ledger.Api.Tests;

public sealed class SettlementRouterTests
{
    [Fact]
    public void Routes_used_within_the_last_generation_survive_a_rotation_and_the_rest_are_forgotten()
    {
        var router = new SettlementRouter(grains: null!, generationSize: 2);
        router.Remember("P1", "H1");
        router.Remember("P2", "H1"); // full: P1 and P2 become the previous generation
        router.Remember("P3", "H2"); // the current generation

        Assert.Equal("H1", router.HouseholdOf("P1")); // found in the previous generation, moved back: full again
        router.Remember("P4", "H3");
        router.Remember("P5", "H3"); // full again: P4 and P5 are the previous generation, the older routes are gone

        Assert.Equal([null, null, null, "H3", "H3"], new[] { "P1", "P2", "P3", "P4", "P5" }.Select(router.HouseholdOf));
    }

    [Fact]
    public void A_move_replaces_the_route()
    {
        var router = new SettlementRouter(grains: null!, generationSize: 10);
        router.Remember("P1", "H1");
        router.Remember("P1", "H2");

        Assert.Equal("H2", router.HouseholdOf("P1"));
    }

    [Fact]
    public async Task A_retry_that_finds_its_own_first_attempt_recorded_answers_recorded()
    {
        var journaled = 0;
        var answer = await SettlementRouter.Retried(() =>
        {
            // The first attempt is recorded on a silo that leaves before answering; the retry finds it.
            if (++journaled == 1)
            {
                throw new SiloUnavailableException();
            }
            return Task.FromResult(new SettlementResult { SetlId = "S-1", Status = SettlementStatus.Duplicate });
        }, delays: [TimeSpan.Zero]);

        Assert.Equal((2, "S-1", SettlementStatus.Recorded), (journaled, answer.SetlId, answer.Status));
    }

    [Fact]
    public async Task A_reversal_retried_after_its_first_attempt_was_journaled_answers_reversed()
    {
        var attempts = 0;
        var answer = await SettlementRouter.Retried(() => ++attempts == 1
            ? throw new SiloUnavailableException()
            : Task.FromResult(new SettlementResult { SetlId = "S-1", Status = SettlementStatus.Duplicate }), SettlementStatus.Reversed, [TimeSpan.Zero]);

        Assert.Equal((2, SettlementStatus.Reversed), (attempts, answer.Status));
    }

    [Fact]
    public async Task A_duplicate_found_after_a_rejected_attempt_is_the_callers_own_resend()
    {
        var attempts = 0;
        // Orleans rejected the first attempt before the household ran it: nothing of it can be journaled,
        // so the setl_id the retry finds was there before, from an earlier send.
        var answer = await SettlementRouter.Retried(() => ++attempts == 1
            ? throw Rejection("the target activation is deactivating")
            : Task.FromResult(new SettlementResult { SetlId = "S-1", Status = SettlementStatus.Duplicate }), delays: [TimeSpan.Zero]);

        Assert.Equal((2, SettlementStatus.Duplicate), (attempts, answer.Status));
    }

    [Fact]
    public async Task A_duplicate_at_the_first_attempt_stays_a_duplicate()
    {
        var answer = await SettlementRouter.Retried(
            () => Task.FromResult(new SettlementResult { SetlId = "S-1", Status = SettlementStatus.Duplicate }), delays: [TimeSpan.Zero]);

        Assert.Equal(SettlementStatus.Duplicate, answer.Status);
    }

    /// <summary>Orleans makes its rejections itself: the constructor is internal.</summary>
    private static OrleansMessageRejectionException Rejection(string message) => (OrleansMessageRejectionException)Activator.CreateInstance(
        typeof(OrleansMessageRejectionException), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null, [message], null)!;
}

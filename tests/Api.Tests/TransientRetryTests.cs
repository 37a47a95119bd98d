using Ledger.Grains;
using Ledger.Silo.Hosting;

namespace Ledger.Api.Tests;

public sealed class TransientRetryTests
{
    private static readonly TimeSpan[] NoPause = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero];

    [Fact]
    public async Task A_call_to_a_silo_that_is_gone_is_made_again_until_it_answers()
    {
        var attempts = 0;

        var answer = await TransientRetry.RunAsync(() => ++attempts < 4 ? throw new SiloUnavailableException() : Task.FromResult("recorded"), NoPause);

        Assert.Equal(("recorded", 4), (answer, attempts));
    }

    [Fact]
    public async Task After_its_budget_the_failure_reaches_the_caller_and_other_failures_are_not_retried()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<SiloUnavailableException>(() => TransientRetry.RunAsync<string>(() => { attempts++; throw new SiloUnavailableException(); }, NoPause));
        Assert.Equal(NoPause.Length + 1, attempts);

        attempts = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => TransientRetry.RunAsync<string>(() => { attempts++; throw new TimeoutException(); }, NoPause));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void The_budget_covers_failure_detection()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), TransientRetry.Budget);
        Assert.True(TransientRetry.Budget >= LedgerMembership.ProbeTimeout * (LedgerMembership.MissedProbesLimit - 1) / 2,
            "the retry gives up before the fastest failure detection (first probe fails, then the rest at the shortest probe period) is over");
    }
}

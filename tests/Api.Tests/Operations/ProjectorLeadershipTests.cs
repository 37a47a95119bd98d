using Ledger.Silo.Projections;
using Npgsql;

namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The PostgreSQL mode's projector lock: one silo keeps the read projections at a time, another takes
/// over as soon as the keeper's session ends, and that session is one the server ends within about
/// 25 s of its host going away (a dead host closes no socket; the kernel's default is two hours).
/// </summary>
public sealed class ProjectorLeadershipTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    /// <summary>Well past the other silo's retry interval: it has asked several times by then.</summary>
    /// <summary>The sessions holding the projector's lock in this test's database (other tests' silos hold it in theirs).</summary>
    private static readonly string Holders =
        $"FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.objid = {AdvisoryLockLeadership.LockKey} AND l.granted";

    private static readonly TimeSpan Refused = AdvisoryLockLeadership.RetryInterval * 2 + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task One_silo_leads_at_a_time_and_another_takes_over_once_its_session_ends()
    {
        await using var first = new AdvisoryLockLeadership(database.AppConnectionString);
        await using var second = new AdvisoryLockLeadership(database.AppConnectionString);
        var lease = await first.Acquire(CancellationToken.None);
        Assert.True(await lease.StillHeld(CancellationToken.None));

        using (var giveUp = new CancellationTokenSource(Refused))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.Acquire(giveUp.Token));
        }
        var takingOver = second.Acquire(CancellationToken.None);
        await lease.DisposeAsync();
        await using var next = await takingOver.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(await next.StillHeld(CancellationToken.None));
        Assert.Equal(1L, await database.Scalar<long>(
            $"SELECT count(*) {Holders}"));
    }

    [Fact]
    public async Task A_leader_whose_session_the_server_ended_learns_it_has_lost_the_lock_and_another_takes_over()
    {
        await using var first = new AdvisoryLockLeadership(database.AppConnectionString);
        await using var second = new AdvisoryLockLeadership(database.AppConnectionString);
        await using var lease = await first.Acquire(CancellationToken.None);
        var takingOver = second.Acquire(CancellationToken.None);

        // As a database restart, or the server giving up on a dead host, ends it.
        Assert.Equal(1L, await database.Scalar<long>(
            $"SELECT count(pg_terminate_backend(l.pid)) {Holders}"));
        await Poll.Until(async () => !await lease.StillHeld(CancellationToken.None), "the first leader to learn its session ended",
            (int)(AdvisoryLockLeadership.CheckInterval * 3).TotalMilliseconds, 100);
        await using var next = await takingOver.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(await next.StillHeld(CancellationToken.None));
    }

    [Fact]
    public async Task The_lock_is_held_on_a_session_the_server_ends_within_25_s_of_its_host_going_away()
    {
        await using var leadership = new AdvisoryLockLeadership(database.AppConnectionString);
        await using var session = await leadership.OpenSession(CancellationToken.None);

        var settings = new List<string>();
        foreach (var name in (string[])["tcp_keepalives_idle", "tcp_keepalives_interval", "tcp_keepalives_count"])
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", session);
            settings.Add((string)(await show.ExecuteScalarAsync())!);
        }

        Assert.Equal(["10", "5", "3"], settings);
    }
}

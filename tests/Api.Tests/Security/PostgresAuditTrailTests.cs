using Ledger.Silo.Security.Audit;
using Npgsql;

namespace Ledger.Api.Tests.Security;

/// <summary>
/// The PostgreSQL mode's trail (table <c>ledger_audit</c>), as the silos' role writes and reads it: a
/// request's lines are committed when their <c>Record</c> returns, found by subject and by key newest
/// first, paged back by a cursor of the last line read, and lines still queued when the silo stops are
/// written before it has stopped.
/// </summary>
public sealed class PostgresAuditTrailTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => database.ApplySchemaAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Concurrent_requests_lines_are_committed_when_recorded_and_found_by_subject_and_by_key_newest_first()
    {
        await using var source = NpgsqlDataSource.Create(database.AppConnectionString);
        var trail = new PostgresAuditTrail(source);
        await trail.StartAsync(CancellationToken.None);
        var before = await database.Scalar<long>("SELECT count(*) FROM ledger_audit");

        // Twenty feed batches at once, request i at Morning + i s by key feed-{i % 2}, 50 settlement lines each.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(request => trail.Record(Batch(request, lines: 50), CancellationToken.None)));

        Assert.Equal(before + 1_000, await database.Scalar<long>("SELECT count(*) FROM ledger_audit"));
        Assert.Equal([Line(7, 3)], (await trail.Find(new AuditQuery("settlement:feed-7-3", null, 100), CancellationToken.None)).Select(line => line with { Id = 0 }));
        var newestOfFeed0 = await trail.Find(new AuditQuery(null, "feed-0", 60), CancellationToken.None);
        Assert.Equal(60, newestOfFeed0.Count);
        Assert.All(newestOfFeed0.Take(50), line => Assert.Equal(Morning.AddSeconds(18), line.At));
        Assert.All(newestOfFeed0.Skip(50), line => Assert.Equal(Morning.AddSeconds(16), line.At));
        Assert.Empty(await trail.Find(new AuditQuery("settlement:feed-7-3", "feed-0", 100), CancellationToken.None));
        await trail.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_subjects_1005_lines_are_paged_back_to_the_oldest_by_the_last_lines_at_and_id_neither_repeating_nor_skipping_one()
    {
        await using var source = NpgsqlDataSource.Create(database.AppConnectionString);
        var trail = new PostgresAuditTrail(source);
        await trail.StartAsync(CancellationToken.None);
        var subject = $"person:P-{Guid.NewGuid():N}"[..40];
        // Seven lines to an instant: the first page of 1 000 ends inside one. Outcome is the line's number.
        await trail.Record([.. Enumerable.Range(0, 1_005).Select(line =>
            new AuditEntry(Morning.AddSeconds(line / 7), "pager", AuditEntry.Read, subject, line.ToString(System.Globalization.CultureInfo.InvariantCulture)))], CancellationToken.None);

        var first = await trail.Find(new AuditQuery(subject, null, 1_000), CancellationToken.None);
        var second = await trail.Find(new AuditQuery(subject, null, 1_000, first[^1].At, first[^1].Id), CancellationToken.None);
        var third = await trail.Find(new AuditQuery(subject, null, 1_000, second[^1].At, second[^1].Id), CancellationToken.None);
        var beforeAnInstant = await trail.Find(new AuditQuery(subject, null, 1_000, Morning.AddSeconds(2)), CancellationToken.None);

        Assert.Equal(Enumerable.Range(5, 1_000).Reverse().Select(Number), first.Select(line => line.Outcome));
        Assert.Equal(["4", "3", "2", "1", "0"], second.Select(line => line.Outcome));
        Assert.Empty(third);
        Assert.Equal(Enumerable.Range(0, 14).Reverse().Select(Number), beforeAnInstant.Select(line => line.Outcome));
        await trail.StopAsync(CancellationToken.None);
    }

    private static string Number(int line) => line.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Lines_still_queued_when_the_silo_stops_are_written_before_it_has_stopped()
    {
        await using var source = NpgsqlDataSource.Create(database.AppConnectionString);
        var trail = new PostgresAuditTrail(source);
        await trail.StartAsync(CancellationToken.None);
        var before = await database.Scalar<long>("SELECT count(*) FROM ledger_audit");

        var recording = Enumerable.Range(0, 10).Select(request => trail.Record(Batch(request, lines: 300, feed: "stopping"), CancellationToken.None)).ToList();
        await trail.StopAsync(CancellationToken.None);

        Assert.All(recording, task => Assert.True(task.IsCompletedSuccessfully, $"a Record still {task.Status} after the trail stopped"));
        Assert.Equal(before + 3_000, await database.Scalar<long>("SELECT count(*) FROM ledger_audit"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => trail.Record(Batch(10, lines: 1, feed: "stopping"), CancellationToken.None));
    }

    /// <summary>
    /// A silo stopped straight after it started (a failed start-up, a roll-back) still writes what was
    /// asked of it: with the writers in a BackgroundService's ExecuteAsync, which .NET 10 runs through a
    /// Task.Run given the stopping token, they never ran and these requests waited for ever.
    /// </summary>
    [Fact]
    public async Task Lines_recorded_when_the_silo_stops_straight_after_starting_are_written()
    {
        await using var source = NpgsqlDataSource.Create(database.AppConnectionString);
        var trail = new PostgresAuditTrail(source);
        var before = await database.Scalar<long>("SELECT count(*) FROM ledger_audit");

        var recording = Enumerable.Range(0, 4).Select(request => trail.Record(Batch(request, lines: 5, feed: "brief"), CancellationToken.None)).ToList();
        await trail.StartAsync(CancellationToken.None);
        await trail.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(recording, task => Assert.True(task.IsCompletedSuccessfully, $"a Record still {task.Status} after the trail stopped"));
        Assert.Equal(before + 20, await database.Scalar<long>("SELECT count(*) FROM ledger_audit"));
    }

    private static AuditEntry[] Batch(int request, int lines, string feed = "feed") => [.. Enumerable.Range(0, lines).Select(line => Line(request, line, feed))];

    /// <summary>Line <paramref name="line"/> of request <paramref name="request"/>, sent at Morning + request s by key {feed}-{request % 2}.</summary>
    private static AuditEntry Line(int request, int line, string feed = "feed") =>
        new(Morning.AddSeconds(request), $"{feed}-{request % 2}", AuditEntry.Write, $"settlement:{feed}-{request}-{line}", "recorded");
}
